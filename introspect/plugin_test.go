package introspect

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mgrgen/mgrgen/schema"
)

func parseRealPlugin(t *testing.T, name string) *Plugin {
	t.Helper()
	matches := realFiles(t, "plugin-xml/*/"+name)
	pl, err := ParsePlugin(mustRead(t, matches[0]))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return pl
}

func pluginFunc(t *testing.T, pl *Plugin, name string) schema.Function {
	t.Helper()
	for _, f := range pl.Functions {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("no function %s", name)
	return schema.Function{}
}

// summarize renders params as "name:type[:req][:secret][:ro]" for compact
// exact comparisons.
func summarize(ps []schema.Param) []string {
	var out []string
	for _, p := range ps {
		s := p.Name + ":" + p.Type
		if p.Required {
			s += ":req"
		}
		if p.Secret {
			s += ":secret"
		}
		if p.Readonly {
			s += ":ro"
		}
		out = append(out, s)
	}
	return out
}

func TestParseEveryRealPlugin(t *testing.T) {
	total := 0
	for _, path := range realFiles(t, "plugin-xml/*/*.xml") {
		pl, err := ParsePlugin(mustRead(t, path))
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(path), err)
			continue
		}
		for _, f := range pl.Functions {
			if f.Kind != "form" && f.Kind != "list" {
				t.Errorf("%s: %s has kind %q", filepath.Base(path), f.Name, f.Kind)
			}
		}
		total += len(pl.Functions)
	}
	// 37 blocks, of which the three ardis ones with __PM_NAME__ in their
	// names are left out.
	if total != 34 {
		t.Errorf("%d metadata blocks across the plugin files, want 34", total)
	}
}

func TestParsePluginValues(t *testing.T) {
	cases := []struct {
		file, fn string
		params   []string
	}{
		// Field name differs from control name; the control's name is the parameter.
		{"pawpayments_billmgr_mod_pmpawpayments.xml", "paymethod.edit.pawpayments",
			[]string{"SECRET_KEY:string:req", "API_BASE_URL:string", "DEFAULT_TTL:string"}},
		{"isp_billmgr_mod_pmqiwipull.php.xml", "paymethod.edit.qiwipull.php",
			[]string{"API_ID:string:req:secret", "PRV_ID:string:req:secret", "API_PASSWORD:string:req:secret", "NOTIFY_PASSWORD:string:req:secret", "pay_source:enum"}},
		{"isp_billmgr_mod_crmodulkassa.xml", "payment_cash_register.edit.crmodulkassa",
			[]string{"url:string:req", "username:string:req", "password:string:req:secret", "retailpointid:string:req", "payment_receipt_description:string:req", "convert_invalid_rate_to_none_rate:bool"}},
		{"isp_billmgr_mod_omyandex.xml", "project.edit", []string{"auth_method_yandex:bool"}},
		{"isp_billmgr_mod_pmnowpayments.xml", "paymethod.edit.nowpayments",
			[]string{"email:string:req:secret", "password:string:req:secret", "api_key:string:req:secret", "test:bool:secret"}},
		{"snarov_billmgr_mod_pmparkingerip.xml", "paymethod.edit.parkingerip",
			[]string{"API_USER:string:req:secret", "API_PASSWORD:string:req:secret", "API_KEY:string:req:secret", "ERIP_ID:string:req"}},
		{"ammina_ispmgr_mod_ammina_redis.xml", "ammina_redis",
			[]string{"ammina_memorylimit:int", "ammina_databases:int", "ammina_issocket:bool"}},
		{"isp_billmgr_mod_pmpterodactyl.xml", "pricelist.pmpterodactyl", []string{"nest:enum:req", "egg:enum:req"}},
		{"shadowedx_ispmgr_mod_tor.xml", "webdomain.edit", []string{"tor:bool", "torname:string", "torkey:string"}},
	}
	for _, c := range cases {
		f := pluginFunc(t, parseRealPlugin(t, c.file), c.fn)
		if got := summarize(f.Params); !reflect.DeepEqual(got, c.params) {
			t.Errorf("%s %s params\n got %v\nwant %v", c.file, c.fn, got, c.params)
		}
	}

	// English labels win over Russian; Russian fills in where English is missing.
	paw := pluginFunc(t, parseRealPlugin(t, "pawpayments_billmgr_mod_pmpawpayments.xml"), "paymethod.edit.pawpayments")
	if p := paw.Params[0]; p.Field != "secret_key" || p.Label != "API Key" || p.Hint != "Your PawPayments API key from the merchant dashboard" {
		t.Errorf("SECRET_KEY = %+v", p)
	}
	redis := pluginFunc(t, parseRealPlugin(t, "ammina_ispmgr_mod_ammina_redis.xml"), "ammina_redis")
	if redis.Title != "Настройка Redis" || redis.Params[0].CheckArgs != "1,999999999" {
		t.Errorf("ammina_redis = %q %+v", redis.Title, redis.Params[0])
	}
	qiwi := pluginFunc(t, parseRealPlugin(t, "isp_billmgr_mod_pmqiwipull.php.xml"), "payment.edit.qiwipull.php")
	if p := qiwi.Params[0]; p.Check != "phone" || p.CheckArgs != "8,20,country" || p.Label != "Phone" || p.Placeholder != "7 000 000 0000" {
		t.Errorf("phone = %+v", p)
	}
	ptero := pluginFunc(t, parseRealPlugin(t, "isp_billmgr_mod_pmpterodactyl.xml"), "pricelist.pmpterodactyl")
	if ptero.Params[1].Depend != "nest" {
		t.Errorf("egg depends on %q, want nest", ptero.Params[1].Depend)
	}

	// Static options come from <select>_<key> messages.
	reg := pluginFunc(t, parseRealPlugin(t, "isp_billmgr_mod_pmregistrar.xml"), "service_profile.pmregistrar.php.customer.my")
	if reg.Kind != "form" || !reflect.DeepEqual(reg.Params[1].Enum, []schema.EnumValue{{Key: "company", Label: "Company"}, {Key: "personal", Label: "Personal"}}) {
		t.Errorf("my_usage = %q %+v", reg.Kind, reg.Params[1])
	}
	site := pluginFunc(t, parseRealPlugin(t, "ammina_ispmgr_mod_ammina_siteedit.xml"), "site.edit")
	if len(site.Params) != 33 || site.Params[1].Name != "site_platform" || len(site.Params[1].Enum) != 3 || len(site.Params[1].If) != 22 {
		t.Errorf("site.edit: %d params, site_platform %+v", len(site.Params), site.Params[1])
	}
	if p := site.Param("site_bitrix_settings_pushserver"); p.Feature != "nginx" || p.RemoveIf != "new" || p.Page != "bitrix_settings" {
		t.Errorf("pushserver = %+v", p)
	}

	// encoding="UTF8", a table inside a form, and a list extended by a toolbar button.
	op := parseRealPlugin(t, "openprovider_billmgr_mod_domainauthcode_list_and_form.xml")
	auth := pluginFunc(t, op, "domain.authcode")
	wantTable := []schema.Table{{Name: "authcodelist", Columns: []schema.Column{
		{Name: "id", Type: "data", Label: "Id"}, {Name: "domain", Type: "data", Label: "Domain"}, {Name: "authinfo", Type: "data", Label: "Transfer-Code"}}}}
	if auth.Title != "Request Transfer-Code" || len(auth.Params) != 0 || !reflect.DeepEqual(auth.Tables, wantTable) {
		t.Errorf("domain.authcode = %+v", auth)
	}
	dom := pluginFunc(t, op, "domain")
	if dom.Kind != "list" || dom.Key != "id" || dom.KeyName != "name" ||
		!reflect.DeepEqual(dom.Actions, []schema.Action{{Name: "domainauthcode", Func: "domain.authcode", Type: "edit", Label: "AuthCode"}}) {
		t.Errorf("domain = %+v", dom)
	}
}

func TestParsePluginIncludes(t *testing.T) {
	pl, err := ParsePlugin([]byte(`<?xml version="1.0" encoding="UTF8"?><mgrdata>
<metadata name="x.edit" type="form"><form><field name="a"><input type="text" name="a"/></field><field name="b"><input type="text" name="b"/></field></form></metadata>
<lang name="ru"><messages name="x.edit"><msg name="a">А</msg><msg name="b">Б</msg></messages></lang>
<lang name="en"><messages name="x.edit"><include name="common"/><msg name="a">A</msg></messages>
<messages name="common"><include name="x.edit"/><msg name="a">common a</msg><msg name="hint_b">shared hint</msg></messages></lang>
</mgrdata>`))
	if err != nil {
		t.Fatal(err)
	}
	got := summarizeLabels(pl.Functions[0].Params)
	want := []string{"a=A/", "b=Б/shared hint"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("labels = %v, want %v", got, want)
	}
}

func summarizeLabels(ps []schema.Param) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Name+"="+p.Label+"/"+p.Hint)
	}
	return out
}

func TestParsePluginErrors(t *testing.T) {
	for in, want := range map[string]string{
		`<mgrdata><metadata name="x"`: "malformed XML",
		`<doc/>`:                      "its root is <doc>, a devel document: use --devel",
		`<mgrdata><metadata name="" type="form"/></mgrdata>`: `name ""`,
	} {
		if _, err := ParsePlugin([]byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParsePlugin(%s) = %v, want %q", in, err, want)
		}
	}
}
