//go:build js && wasm

// Command wasm is the playground's WebAssembly program: it defines one
// JavaScript function, unrootPlayground(requestJSON) -> responseJSON
// (playground.Request in, playground.Response out), and then waits for
// calls for as long as the page lives.
package main

import (
	"encoding/json"
	"runtime/debug"
	"syscall/js"

	"github.com/unroot/unroot/playground"
)

func main() {
	// Go's collector runs on the page's only thread, inside the update the
	// visitor waits for; the heap is a few tens of MB, so collect less often
	// (this cut the slowest updates of a 200-line file by about a quarter).
	debug.SetGCPercent(400)
	js.Global().Set("unrootPlayground", js.FuncOf(func(this js.Value, args []js.Value) any {
		return handle(args)
	}))
	select {} // the function stays callable only while main runs
}

func handle(args []js.Value) string {
	var req playground.Request
	var resp playground.Response
	if len(args) != 1 || args[0].Type() != js.TypeString {
		resp.Error = &playground.Error{Message: "unrootPlayground takes one argument: the request as JSON"}
	} else if err := json.Unmarshal([]byte(args[0].String()), &req); err != nil {
		resp.Error = &playground.Error{Message: "bad request: " + err.Error()}
	} else {
		resp = playground.Run(req)
	}
	out, err := json.Marshal(resp)
	if err != nil {
		return `{"error":{"message":"cannot encode the response"}}`
	}
	return string(out)
}
