package runtime

// GeneratedAPIVersion is the version of the contract between generated
// code and this runtime: the functions, types and behaviour generated code
// relies on. It grows only when that contract breaks; see
// docs/versioning.md.
const GeneratedAPIVersion = 2

// RuntimeAPIv2 is the type of Runtime in releases whose generated-code
// API is version 2. Generated code checks it at compile time. Version 2
// changed Group's signature, Optional's states and what Form.Request
// sends, so code generated for version 1 does not run on it.
type RuntimeAPIv2 struct{}

func (RuntimeAPIv2) supportsGeneratedAPIv2() {}

// Runtime stands for this runtime in the compile-time check every
// generated package makes:
//
//	var _ runtime.GeneratedAPIv2 = runtime.Runtime
//
// When the runtime can't run that code, the build fails on that line with
// a message naming both versions, such as "runtime.RuntimeAPIv3 does not
// implement runtime.GeneratedAPIv2": upgrade the runtime, or regenerate
// with the mgrgen of the runtime's release.
var Runtime RuntimeAPIv2

// GeneratedAPIv2 is implemented by every runtime that can run code
// generated for API version 2. Only generated code uses it.
type GeneratedAPIv2 interface{ supportsGeneratedAPIv2() }
