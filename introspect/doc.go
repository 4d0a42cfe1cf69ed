// Package introspect asks a COREmanager panel what it can do and turns the
// answers into a [schema.Schema].
//
// Three kinds of evidence feed it, each with its own parser:
//
//   - the function listing printed by `mgrctl -m PANEL -i` ([ParseListing]):
//     every function with its kind and a short description;
//   - out=devel documents, from `mgrctl -m PANEL -o devel FUNC` or HTTP
//     out=devel, as XML or as the JSON twins the panels' web UI uses
//     ([ParseDevel]): form fields, list columns, toolbar actions, labels;
//   - plugin XML files (<mgrdata>, [ParsePlugin]) that extend the panel's own
//     metadata.
//
// A [Capture] holds the raw answers of one panel. It is filled from a live
// panel ([Fetch] over a [Panel], which is either [Mgrctl] or [HTTPPanel]), or
// read back from a dump folder ([ReadDump]), and [Build] turns it, together
// with any extra files, into one schema. Keeping the raw capture separate
// from the build means a capture taken on the panel host can be turned into
// a schema anywhere, later, by a newer mgrgen.
//
// Nothing here trusts its input: malformed documents become errors that name
// the function, and a function that cannot be described stays in the schema
// with its error recorded. Unknown things fall back safely: an unknown
// control tag is a string parameter, an unknown input type a string, an
// unknown metadata type leaves the function without a kind (and says so in
// its error), unknown elements and attributes are skipped.
package introspect
