package generator

import (
	"go/token"
	"testing"
)

func TestGoName(t *testing.T) {
	for in, want := range map[string]string{
		"user.edit":                "UserEdit",
		"ssl_cert-id":              "SSLCertID",
		"2fa.enable":               "X2FaEnable",
		"ipv6addr":                 "IPv6Addr",
		"API_PASSWORD":             "APIPassword",
		"webdomain.delete.confirm": "WebdomainDeleteConfirm",
		"Пользователь.правка":      "ПользовательПравка",
		"type":                     "Type",
		"func":                     "Func",
		"--":                       "",
		"数据":                       "X数据",
		"p_num":                    "PNum",
	} {
		if got := GoName(in); got != want {
			t.Errorf("GoName(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzGoName(f *testing.F) {
	for _, s := range []string{"user.edit", "2fa", "Пользователь", "a-b_c", "数据", "", "--", "ipv6addr"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		name := GoName(s)
		if name == "" {
			return
		}
		if !token.IsIdentifier(name) || !token.IsExported(name) {
			t.Fatalf("GoName(%q) = %q, not an exported identifier", s, name)
		}
		if GoName(s) != name {
			t.Fatal("GoName is not deterministic")
		}
	})
}
