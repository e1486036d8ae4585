// Command serve serves a built playground folder on a local address (make
// serve-playground). Any static file server does; this one checks that the
// folder was built and serves .wasm files as application/wasm (which the
// browser's streaming compile needs) whatever the system's MIME table says.
package main

import (
	"flag"
	"fmt"
	"log"
	"mime"
	"net/http"
	"os"
	"path/filepath"
)

func main() {
	dir := flag.String("dir", "bin/playground", "the built playground (make playground)")
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	if _, err := os.Stat(filepath.Join(*dir, "index.html")); err != nil {
		log.Fatalf("%v: build the playground first (make playground)", err)
	}
	if err := mime.AddExtensionType(".wasm", "application/wasm"); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("unroot playground: http://%s/ (Ctrl-C stops)\n", *addr)
	log.Fatal(http.ListenAndServe(*addr, http.FileServer(http.Dir(*dir))))
}
