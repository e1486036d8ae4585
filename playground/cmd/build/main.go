// Command build assembles the browser playground into a folder (make
// playground): go run ./playground/cmd/build -out bin/playground
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/unroot/unroot/playground/site"
)

func main() {
	out := flag.String("out", "bin/playground", "folder to write")
	root := flag.String("root", ".", "the repository's root")
	flag.Parse()
	st, err := site.Build(site.Config{Root: *root, Out: *out})
	if err != nil {
		fmt.Fprintln(os.Stderr, "playground:", err)
		os.Exit(1)
	}
	fmt.Printf("playground: %s (%s: %d bytes, %d gzip-compressed)\n", *out, site.WasmFile, st.Wasm, st.WasmGzip)
}
