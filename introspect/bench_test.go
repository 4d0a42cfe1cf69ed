package introspect

import "testing"

func BenchmarkParseListing(b *testing.B) {
	data := readReal(b, "mgrctl/ispmgr6_mgrctl_-i_functions_part1_acmesh..domain.autorecords.txt")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseListing(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuildListing(b *testing.B) {
	data := readReal(b, "mgrctl/ispmgr6_mgrctl_-i_functions_part1_acmesh..domain.autorecords.txt")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build("ispmgr", nil, Files{Listings: []Input{{Name: "l", Data: data}}}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseDevelForm(b *testing.B) {
	data := readReal(b, "devel/billmgr_devel_form_domain.order.contact_snarov_v2.xml")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseDevel(data); err != nil {
			b.Fatal(err)
		}
	}
}
