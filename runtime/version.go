package runtime

// Version is the release of mgrgen this runtime belongs to (the generator
// and the runtime are one module). The HTTP transport identifies itself
// with it: User-Agent: mgrgen/VERSION.
const Version = "v0.1.0"

// GeneratedAPIVersion is the version of the contract between generated
// code and this runtime: the functions, types and behaviour generated code
// relies on. It grows when generated code needs something an older
// runtime lacks, or when the contract breaks; see docs/versioning.md.
const GeneratedAPIVersion = 3

// RuntimeAPIv3 is the type of Runtime in releases whose generated-code
// API is version 3. Generated code checks it at compile time. Version 3
// added Delete (a group delete that can verify its outcome) and the group
// option of list rows; code generated for version 2 still runs on it.
type RuntimeAPIv3 struct{}

func (RuntimeAPIv3) supportsGeneratedAPIv2() {}
func (RuntimeAPIv3) supportsGeneratedAPIv3() {}

// Runtime stands for this runtime in the compile-time check every
// generated package makes:
//
//	var _ runtime.GeneratedAPIv3 = runtime.Runtime
//
// When the runtime can't run that code, the build fails on that line with
// a message naming both versions, such as "runtime.RuntimeAPIv2 does not
// implement runtime.GeneratedAPIv3": upgrade the runtime, or regenerate
// with the mgrgen of the runtime's release.
var Runtime RuntimeAPIv3

// GeneratedAPIv2 is implemented by every runtime that can run code
// generated for API version 2. Only generated code uses it.
type GeneratedAPIv2 interface{ supportsGeneratedAPIv2() }

// GeneratedAPIv3 is implemented by every runtime that can run code
// generated for API version 3. Only generated code uses it.
type GeneratedAPIv3 interface{ supportsGeneratedAPIv3() }
