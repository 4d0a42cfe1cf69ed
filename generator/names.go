package generator

import (
	"fmt"
	"go/token"
	"strings"
	"unicode"

	"github.com/iancoleman/strcase"
)

// initialisms are words written in capitals in Go names (user.ssl_cert_id
// becomes UserSSLCertID). Keys are the capitalised word as strcase gives it.
var initialisms = map[string]string{
	"Id": "ID", "Ip": "IP", "Ips": "IPs", "Url": "URL", "Uri": "URI", "Dns": "DNS", "Ssl": "SSL", "Tls": "TLS",
	"Http": "HTTP", "Https": "HTTPS", "Api": "API", "Cpu": "CPU", "Ram": "RAM", "Ftp": "FTP", "Sftp": "SFTP",
	"Ssh": "SSH", "Php": "PHP", "Cgi": "CGI", "Ttl": "TTL", "Uid": "UID", "Gid": "GID", "Xml": "XML",
	"Json": "JSON", "Html": "HTML", "Vm": "VM", "Vps": "VPS", "Uuid": "UUID", "Mac": "MAC", "Smtp": "SMTP",
	"Imap": "IMAP", "Sql": "SQL", "Dkim": "DKIM", "Spf": "SPF", "Ns": "NS", "Mx": "MX", "Ptr": "PTR",
	"Csr": "CSR", "Os": "OS", "Ipv4": "IPv4", "Ipv6": "IPv6", "Db": "DB", "Hdd": "HDD", "Ssd": "SSD",
	"Kvm": "KVM", "Lxc": "LXC", "Vds": "VDS", "Elid": "Elid", "Plid": "Plid",
}

// GoName turns a wire name (user.edit, ssl_cert-id, 2fa, правка) into an
// exported Go identifier. Words are split at anything that is not a letter
// or digit; ASCII words are camel-cased by strcase with the initialism table
// applied, other words keep their letters with the first one capitalised.
// A name starting with a digit gets the prefix X. It returns "" when
// nothing of the name can form an identifier.
func GoName(wire string) string {
	name := camel(wire)
	if name == "" {
		return ""
	}
	first := []rune(name)[0]
	if unicode.IsDigit(first) || !unicode.IsUpper(first) {
		// Digits cannot start an identifier, and a letter without an upper
		// case (CJK, say) cannot make it exported.
		name = "X" + name
	}
	if !token.IsIdentifier(name) {
		return ""
	}
	return name
}

// suffixName is GoName for the tail of an identifier (an enum constant after
// its type's name), where a leading digit needs no prefix.
func suffixName(prefix, wire string) string {
	name := prefix + camel(wire)
	if name == prefix || !token.IsIdentifier(name) {
		return ""
	}
	return name
}

// camel joins the words of wire in camel case, initialisms applied.
func camel(wire string) string {
	words := strings.FieldsFunc(wire, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var b strings.Builder
	for _, w := range words {
		if isASCII(w) {
			for _, part := range splitCamel(strcase.ToCamel(w)) {
				if up, ok := initialisms[part]; ok {
					part = up
				}
				b.WriteString(part)
			}
			continue
		}
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// splitCamel splits "SslCertId" into "Ssl", "Cert", "Id", keeping digits
// with the word before them ("Ipv6Addr" gives "Ipv6", "Addr").
func splitCamel(s string) []string {
	var parts []string
	start := 0
	for i := 1; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			parts = append(parts, s[start:i])
			start = i
		}
	}
	return append(parts, s[start:])
}

// scope hands out Go names and fails loudly when two wire names want the
// same one, naming both. There is no numeric suffix: output must not depend
// on the order functions are listed in.
type scope struct {
	what  string
	taken map[string]string
	// log, when set, makes claim record the claim of a name in global
	// instead of making it, for Plan, which plans functions in parallel
	// and then replays their claims in schema order.
	log    *[]claimEvent
	global *scope
}

// claimEvent is a claim recorded for replay: of name in global by origin,
// or with global nil, the use of the config rename name.
type claimEvent struct {
	global       *scope
	name, origin string
}

// recorder returns a scope that records claims in s to log.
func (s *scope) recorder(log *[]claimEvent) *scope {
	return &scope{what: s.what, log: log, global: s}
}

func newScope(what string, reserved ...string) *scope {
	s := &scope{what: what, taken: map[string]string{}}
	for _, r := range reserved {
		s.taken[r] = "a name mgrgen reserves"
	}
	return s
}

// claim records that origin uses name; the error names both claimants.
func (s *scope) claim(name, origin string) error {
	if s.log != nil {
		*s.log = append(*s.log, claimEvent{s.global, name, origin})
		return nil
	}
	if prev, ok := s.taken[name]; ok {
		return fmt.Errorf("%s: %s and %s both become %s; rename one in the config file", s.what, prev, origin, name)
	}
	s.taken[name] = origin
	return nil
}
