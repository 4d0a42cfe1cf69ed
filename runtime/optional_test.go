package runtime

import (
	"context"
	"errors"
	"testing"
)

type limitsReq struct {
	_      struct{} `mgr:"elid quota ssl,on price name note passwd,secret"`
	Elid   string
	Quota  Optional[int64]
	SSL    Optional[bool]
	Price  Optional[Decimal]
	Name   Optional[string]
	Note   Optional[string]
	Passwd Optional[string]
}

type limitsForm struct {
	limitsReq
	Raw Row
}

func encoded(t *testing.T, v any) string {
	t.Helper()
	req := NewRequest("f")
	if err := Encode(req, v, nil); err != nil {
		t.Fatal(err)
	}
	return req.Values.Encode()
}

// A form read and sent back unchanged sends exactly the panel's text:
// absent stays absent, empty stays empty, text an int64 or a flag cannot
// hold goes back as written, a price keeps its digits.
func TestResendIsExact(t *testing.T) {
	cases := []struct {
		row  Row
		want string
	}{
		{Row{"quota": {Text: ""}}, "quota="},
		{Row{"quota": {Text: "unlimited"}}, "quota=unlimited"},
		{Row{"quota": {Text: "1 024"}}, "quota=1+024"},
		{Row{"quota": {Text: "-1"}, "ssl": {Text: "yes"}}, "quota=-1&ssl=yes"},
		{Row{"quota": {Text: "1.5"}, "ssl": {Text: "maybe"}}, "quota=1.5&ssl=maybe"},
		{Row{"price": {Text: "12.50"}}, "price=12.50"},
		{Row{"price": {Text: "12,50 EUR"}}, "price=12%2C50+EUR"},
		{Row{"name": {Text: " padded "}}, "name=+padded+"},
		{Row{"passwd": {Text: "***"}, "note": {Text: "n"}}, "note=n"},
		{Row{}, ""},
	}
	for _, c := range cases {
		var f limitsForm
		DecodeInto(c.row, &f)
		r := f.limitsReq
		ForResend(&r)
		if got := encoded(t, &r); got != c.want {
			t.Errorf("%v: sent %q, want %q", c.row, got, c.want)
		}
	}
}

func TestOptionalStates(t *testing.T) {
	var f limitsForm
	DecodeInto(Row{"quota": {Text: "unlimited"}, "ssl": {Text: ""}, "price": {Text: "12.50"}, "note": {Text: ""}}, &f)
	if !f.Quota.IsSet() || f.Quota.IsEmpty() || f.Quota.Text() != "unlimited" {
		t.Errorf("quota %+v", f.Quota)
	}
	if v, ok := f.Quota.Get(); ok || v != 0 {
		t.Errorf("quota Get = %d, %v; want 0, false", v, ok)
	}
	if !f.SSL.IsSet() || !f.SSL.IsEmpty() {
		t.Errorf("ssl %+v", f.SSL)
	}
	if _, ok := f.SSL.Get(); ok {
		t.Error("an empty flag has no value")
	}
	if v, ok := f.Price.Get(); !ok || v.String() != "12.50" {
		t.Errorf("price %v %v", v, ok)
	}
	if v, ok := f.Note.Get(); !ok || v != "" || !f.Note.IsEmpty() {
		t.Errorf("an empty string is a value: %q %v", v, ok)
	}
	if f.Name.IsSet() || f.Name.IsEmpty() || f.Name.Text() != "" {
		t.Errorf("absent name %+v", f.Name)
	}
	if v, ok := f.Name.Get(); ok || v != "" {
		t.Error("absent has no value")
	}
	// Changing one field changes only that one on the wire.
	r := f.limitsReq
	ForResend(&r)
	r.Quota = Set[int64](5)
	r.Note = Set("vip")
	if got := encoded(t, &r); got != "note=vip&price=12.50&quota=5&ssl=" {
		t.Errorf("sent %s", got)
	}
	r.Quota = Empty[int64]()
	r.SSL = Set(true)
	r.Price = Set(MustDecimal("7.10"))
	r.Name = FromText[string]("x y")
	if got := encoded(t, &r); got != "name=x+y&note=vip&price=7.10&quota=&ssl=on" {
		t.Errorf("sent %s", got)
	}
}

func TestOptionalAccessorsOfSet(t *testing.T) {
	o := Set[int64](0)
	if !o.IsSet() || o.IsEmpty() || o.Text() != "0" {
		t.Errorf("Set(0) = %+v", o)
	}
	if v, ok := o.Get(); !ok || v != 0 {
		t.Error("Set(0) holds 0")
	}
	s := Set("")
	if !s.IsEmpty() || !s.IsSet() {
		t.Error("Set(\"\") is empty and set")
	}
	b := FromText[bool]("off")
	if v, ok := b.Get(); !ok || v {
		t.Errorf("off = %v %v", v, ok)
	}
	n := FromText[int64](" 42 ")
	if v, ok := n.Get(); !ok || v != 42 || n.Text() != " 42 " {
		t.Errorf("42 = %v %v %q", v, ok, n.Text())
	}
	l := FromText[[]string]("a, b")
	if v, ok := l.Get(); !ok || len(v) != 2 || v[1] != "b" {
		t.Errorf("list = %v", v)
	}
	var zero Optional[int64]
	if zero.Value() != 0 || zero.IsSet() {
		t.Error("zero Optional")
	}
}

// A list cell whose text the field's type cannot hold keeps its text in
// Raw, beside the zero field.
func TestRowKeepsUnparsedCell(t *testing.T) {
	type row struct {
		_   struct{} `mgr:"n p f"`
		N   int64
		P   Decimal
		F   bool
		Raw Row
	}
	var r row
	DecodeInto(Row{"n": {Text: "unlimited"}, "p": {Text: "5 USD"}, "f": {Text: "on"}}, &r)
	if r.N != 0 || r.Raw.String("n") != "unlimited" || r.Raw.String("p") != "5 USD" || !r.P.IsZero() {
		t.Errorf("row = %+v", r)
	}
	if r.Raw.Has("f") {
		t.Error("a flag that parsed is not in Raw")
	}
	DecodeInto(Row{"n": {Text: "7"}, "p": {Text: "5.00"}}, &r)
	if r.N != 7 || r.P.String() != "5.00" {
		t.Errorf("row = %+v", r)
	}
}

func TestDecimal(t *testing.T) {
	for _, ok := range []string{"0", "12", "12.50", "-0.5", "+3", "007.000"} {
		d, err := ParseDecimal(ok)
		if err != nil || d.String() != ok {
			t.Errorf("ParseDecimal(%q) = %v, %v", ok, d, err)
		}
	}
	for _, bad := range []string{"", ".5", "5.", "1e3", "1 024", "12,50", "-", "NaN", "Inf", "0x10", " 1"} {
		if _, err := ParseDecimal(bad); err == nil {
			t.Errorf("ParseDecimal(%q) accepted", bad)
		}
	}
	if c, ok := MustDecimal("12.5").Cents(2); !ok || c != 1250 {
		t.Errorf("Cents = %d %v", c, ok)
	}
	if _, ok := MustDecimal("1.005").Cents(2); ok {
		t.Error("three places do not fit two")
	}
	if DecimalOf(-4).String() != "-4" || MustDecimal("2.25").Float64() != 2.25 {
		t.Error("DecimalOf / Float64")
	}
	defer func() {
		if recover() == nil {
			t.Error("MustDecimal of bad text must panic")
		}
	}()
	MustDecimal("x")
}

// The typed list path (the streaming row decoder) keeps an unparsed cell's
// text in Raw too.
func TestListKeepsUnparsedCell(t *testing.T) {
	type row struct {
		_     struct{} `mgr:"quota price name list=user"`
		Quota int64
		Price Decimal
		Name  string
		Raw   Row
	}
	rows, _, err := DecodeList[row]("user", []byte(`<doc><elem><quota>unlimited</quota><price>9.90</price><name>a</name></elem><elem><quota>5</quota><price>n/a</price></elem></doc>`), 200)
	if err != nil || len(rows) != 2 {
		t.Fatal(err, rows)
	}
	if rows[0].Quota != 0 || rows[0].Raw.String("quota") != "unlimited" || rows[0].Price.String() != "9.90" || rows[0].Raw.Has("name") || rows[0].Raw.Has("price") {
		t.Errorf("row 0 = %+v", rows[0])
	}
	if rows[1].Quota != 5 || rows[1].Raw.Has("quota") || rows[1].Raw.String("price") != "n/a" || !rows[1].Price.IsZero() {
		t.Errorf("row 1 = %+v", rows[1])
	}
}

// recorder is a transport that keeps the last request.
type recorder struct{ last *Request }

func (r *recorder) Call(_ context.Context, req *Request) (*Response, error) {
	r.last = req
	return &Response{Func: req.Func, Raw: []byte("<doc><ok/></doc>")}, nil
}

// A submit carries sok=ok; a group operation joins its ids with ", " and
// takes the call's options.
func TestSubmitAndGroupOnTheWire(t *testing.T) {
	rec := &recorder{}
	c := NewClient(rec)
	if _, err := Submit(context.Background(), c, "user.edit", &limitsReq{Name: Set("n")}, nil, nil); err != nil {
		t.Fatal(err)
	}
	if got := rec.last.Values.Encode(); got != "name=n&sok=ok" || rec.last.Read {
		t.Errorf("submit sent %s (read %v)", got, rec.last.Read)
	}
	if _, err := Group(context.Background(), c, "user.delete", []string{"a b", "c"}, []Option{Su("bob")}); err != nil {
		t.Fatal(err)
	}
	if got := rec.last.Values.Get("elid"); got != "a b, c" || rec.last.Options.Su != "bob" || rec.last.Values.Has("sok") || rec.last.Read {
		t.Errorf("group sent elid %q, options %+v", got, rec.last.Options)
	}
	if _, err := Group(context.Background(), c, "user.delete", nil, nil); err == nil {
		t.Error("a group operation on no ids was sent")
	}
	_, err := Group(context.Background(), c, "domain.record.delete", []string{"x"}, InParent(" ", nil))
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Problems[0].Param != "plid" {
		t.Errorf("empty parent: %v", err)
	}
	if _, err := Group(context.Background(), c, "domain.record.delete", []string{"x"}, InParent("z", nil)); err != nil || rec.last.Options.Plid != "z" {
		t.Errorf("parent: %v %+v", err, rec.last.Options)
	}
}
