package runtime

// GeneratedAPIVersion is the version of the contract between generated
// code and this runtime: the functions, types and behaviour generated code
// relies on. It grows only when that contract breaks; see
// docs/versioning.md.
const GeneratedAPIVersion = 1

// RuntimeAPIv1 is the type of Runtime in releases whose generated-code
// API is version 1. Generated code checks it at compile time.
type RuntimeAPIv1 struct{}

func (RuntimeAPIv1) supportsGeneratedAPIv1() {}

// Runtime stands for this runtime in the compile-time check every
// generated package makes:
//
//	var _ runtime.GeneratedAPIv1 = runtime.Runtime
//
// When the runtime can't run that code, the build fails on that line with
// a message naming both versions, such as "runtime.RuntimeAPIv2 does not
// implement runtime.GeneratedAPIv1": upgrade the runtime, or regenerate
// with the mgrgen of the runtime's release.
var Runtime RuntimeAPIv1

// GeneratedAPIv1 is implemented by every runtime that can run code
// generated for API version 1. Only generated code uses it.
type GeneratedAPIv1 interface{ supportsGeneratedAPIv1() }
