package introspect

import (
	"errors"
	"slices"

	"github.com/antchfx/xmlquery"

	"github.com/mgrgen/mgrgen/schema"
)

// Plugin is what one plugin XML file (<mgrdata>) says about panel functions.
type Plugin struct {
	// Functions are the functions the file describes with <metadata>, with
	// labels resolved from its messages.
	Functions []schema.Function
	// Messages holds the file's strings per message set (usually a function
	// name), English where present and Russian otherwise, so that labels can
	// also reach functions described elsewhere.
	Messages map[string]map[string]string
}

// langPreference orders the languages whose strings are used: English first,
// Russian as the fallback, any other language last.
var langPreference = []string{"en", "ru"}

// ParsePlugin parses a plugin XML file. Files declaring encoding="UTF8" are
// accepted. <include name=...> inside a message set pulls in the strings of
// the named set (its own strings win); include cycles are cut.
func ParsePlugin(data []byte) (*Plugin, error) {
	doc, err := parseXML(data)
	if err != nil {
		return nil, err
	}
	root := childElement(doc, "mgrdata")
	if root == nil {
		return nil, errors.New("not a plugin file: no <mgrdata> root")
	}
	sets := pluginMessages(root)
	pl := &Plugin{Messages: map[string]map[string]string{}}
	for name := range sets {
		pl.Messages[name] = resolveIncludes(name, sets)
	}
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xmlquery.ElementNode || c.Data != "metadata" {
			continue
		}
		name := c.SelectAttr("name")
		f, err := parseMetadata(c, pl.Messages[name], nil)
		if err != nil {
			return nil, err
		}
		pl.Functions = append(pl.Functions, f)
	}
	return pl, nil
}

type messageSet struct {
	msgs     messages
	includes []string
}

// pluginMessages merges each message set across <lang> blocks in order of
// preference, so every key takes the most preferred language that has it.
func pluginMessages(root *xmlquery.Node) map[string]*messageSet {
	byLang := map[string][]*xmlquery.Node{}
	var langs []string
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xmlquery.ElementNode && c.Data == "lang" {
			l := c.SelectAttr("name")
			if _, ok := byLang[l]; !ok {
				langs = append(langs, l)
			}
			byLang[l] = append(byLang[l], c)
		}
	}
	order := slices.Clone(langPreference)
	for _, l := range langs {
		if !slices.Contains(order, l) {
			order = append(order, l)
		}
	}
	sets := map[string]*messageSet{}
	for _, l := range order {
		for _, lang := range byLang[l] {
			for m := lang.FirstChild; m != nil; m = m.NextSibling {
				if m.Type != xmlquery.ElementNode || m.Data != "messages" {
					continue
				}
				name := m.SelectAttr("name")
				set := sets[name]
				if set == nil {
					set = &messageSet{msgs: messages{}}
					sets[name] = set
				}
				readMessages(m, set.msgs)
				for _, inc := range includes(m) {
					if !slices.Contains(set.includes, inc) {
						set.includes = append(set.includes, inc)
					}
				}
			}
		}
	}
	return sets
}

// resolveIncludes returns a set's strings followed by those of every set it
// reaches through <include>, breadth first, the nearer set winning a name.
// Each set is visited once, so shared includes cost nothing extra and
// cycles end where they close; at most maxIncludeSets sets are reached, so
// a hostile chain costs linear time overall.
func resolveIncludes(name string, sets map[string]*messageSet) messages {
	out := messages{}
	seen := map[string]bool{name: true}
	queue := []string{name}
	for visited := 0; len(queue) > 0 && visited < maxIncludeSets; visited++ {
		set := sets[queue[0]]
		queue = queue[1:]
		if set == nil {
			continue
		}
		for k, v := range set.msgs {
			if _, ok := out[k]; !ok {
				out[k] = v
			}
		}
		for _, inc := range set.includes {
			if !seen[inc] {
				seen[inc] = true
				queue = append(queue, inc)
			}
		}
	}
	return out
}
