package introspect

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

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
	// Includes maps a described function to the metadata it includes,
	// which may be described in this file or another one.
	Includes map[string][]string
	// Handled lists functions the file's handlers declare (<handler>
	// <func name=.../> or the older <func>name</func>) without metadata.
	Handled []string
	// Warnings says what was left out, such as functions whose names hold
	// install-time placeholders.
	Warnings []string
}

// placeholder matches install-time placeholders such as __PM_NAME__, which
// a module's installer replaces and no panel serves.
var placeholder = regexp.MustCompile(`__[A-Z][A-Z0-9_]*__`)

// langPreference orders the languages whose strings are used: English first,
// Russian as the fallback, any other language last.
var langPreference = []string{"en", "ru"}

// ParsePlugin parses a plugin XML file. Files declaring encoding="UTF8" are
// accepted. <include name=...> inside a message set pulls in the strings of
// the named set (its own strings win); include cycles are cut.
func ParsePlugin(data []byte) (*Plugin, error) {
	if err := checkSize(data); err != nil {
		return nil, err
	}
	if what := looksLike(data); what == "plain text" || what == "an empty file" || what[0] == 'J' {
		return nil, fmt.Errorf("this is not plugin XML (it looks like %s)", what)
	}
	doc, err := parseXML(data)
	if err != nil {
		return nil, err
	}
	root := childElement(doc, "mgrdata")
	if root == nil {
		return nil, fmt.Errorf("this is not plugin XML (%s)", rootDescription(doc))
	}
	sets := pluginMessages(root)
	pl := &Plugin{Messages: map[string]map[string]string{}, Includes: map[string][]string{}}
	for name := range sets {
		pl.Messages[name] = resolveIncludes(name, sets)
	}
	described := map[string]bool{}
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xmlquery.ElementNode || c.Data != "metadata" {
			continue
		}
		name := c.SelectAttr("name")
		if placeholder.MatchString(name) {
			pl.Warnings = append(pl.Warnings, fmt.Sprintf("function %q left out: its name holds an install-time placeholder", name))
			continue
		}
		f, incs, err := parseMetadata(c, pl.Messages[name], nil)
		if err != nil {
			return nil, err
		}
		if len(incs) > 0 {
			pl.Includes[f.Name] = append(pl.Includes[f.Name], incs...)
		}
		described[f.Name] = true
		pl.Functions = append(pl.Functions, f)
	}
	for _, fn := range xmlquery.Find(root, "//handler/func") {
		name := fn.SelectAttr("name")
		if name == "" {
			name = strings.TrimSpace(fn.InnerText())
		}
		switch {
		case !schema.IsWireName(name) || described[name] || slices.Contains(pl.Handled, name):
		case placeholder.MatchString(name):
			pl.Warnings = append(pl.Warnings, fmt.Sprintf("function %q left out: its name holds an install-time placeholder", name))
		default:
			pl.Handled = append(pl.Handled, name)
		}
	}
	return pl, nil
}

type messageSet struct {
	msgs     messages
	includes []string
}

// pluginMessages merges each message set across languages in order of
// preference, so every key takes the most preferred language that has it.
// A <messages> block counts in the language of its lang= attribute, else of
// the <lang> around it; blocks with neither (directly under <mgrdata>) come
// after every named language.
func pluginMessages(root *xmlquery.Node) map[string]*messageSet {
	byLang := map[string][]*xmlquery.Node{}
	var langs []string
	add := func(lang string, m *xmlquery.Node) {
		if l := m.SelectAttr("lang"); l != "" {
			lang = l
		}
		if _, ok := byLang[lang]; !ok {
			langs = append(langs, lang)
		}
		byLang[lang] = append(byLang[lang], m)
	}
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xmlquery.ElementNode {
			continue
		}
		switch c.Data {
		case "lang":
			for m := c.FirstChild; m != nil; m = m.NextSibling {
				if m.Type == xmlquery.ElementNode && m.Data == "messages" {
					add(c.SelectAttr("name"), m)
				}
			}
		case "messages":
			add("", c)
		}
	}
	order := slices.Clone(langPreference)
	for _, l := range langs {
		if l != "" && !slices.Contains(order, l) {
			order = append(order, l)
		}
	}
	order = append(order, "")
	sets := map[string]*messageSet{}
	for _, l := range order {
		for _, m := range byLang[l] {
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
