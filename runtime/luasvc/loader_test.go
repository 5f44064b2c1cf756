package luasvc

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
)

func TestSplitPackagePath(t *testing.T) {
	t.Parallel()
	h := NewHost(HostOptions{LuaPaths: []string{"/cfg/?.lua", "/cfg/?/init.lua"}})
	all := h.moduleDirs()
	for _, tc := range []struct {
		name          string
		path          string
		files, embeds []string
	}{
		{
			name:   "default path: lua_path, then every embedded dir",
			path:   h.defaultPackagePath(),
			files:  []string{"/cfg/?.lua", "/cfg/?/init.lua"},
			embeds: all,
		},
		{
			name:   "prepended relative entry (skynet's protoloader)",
			path:   "./examples/?.lua;" + h.defaultPackagePath(),
			files:  []string{"./examples/?.lua", "/cfg/?.lua", "/cfg/?/init.lua"},
			embeds: all,
		},
		{
			name:   "replaced path keeps the embedded tree last",
			path:   "./x/?.lua;;",
			files:  []string{"./x/?.lua"},
			embeds: all,
		},
		{
			name:   "embedded entries keep their place and are not repeated",
			path:   "(embedded)/examples/?.lua;/a/?.lua;(embedded)/examples/?.lua",
			files:  []string{"/a/?.lua"},
			embeds: []string{"examples/?.lua", "lualib/?.lua", "lualib/?/init.lua"},
		},
	} {
		files, embeds := h.splitPackagePath(tc.path)
		if !slices.Equal(files, tc.files) || !slices.Equal(embeds, tc.embeds) {
			t.Errorf("%s: splitPackagePath(%q) = %q, %q; want %q, %q", tc.name, tc.path, files, embeds, tc.files, tc.embeds)
		}
	}
}

// A module reached through a relative template and through an absolute
// one is the same file: one entry in the code cache, one compiled chunk.
func TestRelativeTemplateSharesCodeCache(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "examples"), 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "examples", "proto.lua")
	if err := os.WriteFile(file, []byte("return {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	h := NewHost(HostOptions{Embedded: fstest.MapFS{"examples/proto.lua": {Data: []byte("return 1\n")}}})
	files, embeds := h.splitPackagePath("./examples/?.lua")
	rel, err := h.search("rel", "module", "proto", files, embeds)
	if err != nil {
		t.Fatal(err)
	}
	abs, err := h.search("abs", "module", "proto", []string{filepath.Join(dir, "examples", "?.lua")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	real, _ := filepath.EvalSymlinks(file)
	if got, _ := filepath.EvalSymlinks(rel); rel != abs || got != real {
		t.Fatalf("relative template found %q, absolute %q; want both %q", rel, abs, file)
	}
	p1, err := h.proto(rel)
	if err != nil {
		t.Fatal(err)
	}
	p2, err := h.proto(abs)
	if err != nil {
		t.Fatal(err)
	}
	if p1 != p2 {
		t.Fatal("the same file compiled twice")
	}
	// The search result is remembered: removing the file does not change
	// it until the cache is cleared (debug console clearcache).
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	if again, err := h.search("rel", "module", "proto", files, embeds); err != nil || again != rel {
		t.Fatalf("cached search = %q, %v; want %q", again, err, rel)
	}
	h.ClearCache()
	if again, err := h.search("rel", "module", "proto", files, embeds); err != nil || again != embedPrefix+"examples/proto.lua" {
		t.Fatalf("after ClearCache search = %q, %v; want the embedded file", again, err)
	}
}
