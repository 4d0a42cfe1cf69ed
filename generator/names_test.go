package generator

import "testing"

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
