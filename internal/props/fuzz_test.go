package props

import (
	"errors"
	"testing"

	"github.com/unroot/unroot/golden"
	"github.com/unroot/unroot/transform"
)

// addGoldenSeeds seeds a fuzzer with every golden input.
func addGoldenSeeds(f *testing.F) {
	inputs, err := golden.Inputs()
	if err != nil {
		f.Fatal(err)
	}
	for _, in := range inputs {
		f.Add(in)
	}
	f.Add([]byte("FROM scratch"))
	f.Add([]byte("FROM a\r\nUSER x\r\n"))
}

// FuzzPipeline runs the whole pipeline (parse, every pass, apply, diff) and
// checks every property on each input.
func FuzzPipeline(f *testing.F) {
	addGoldenSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 64<<10 {
			return
		}
		for _, opts := range []transform.Options{{}, {UID: "4242", UIDSet: true, BuildKit: true}} {
			if _, err := Check("Dockerfile", src, opts); err != nil && !errors.Is(err, ErrSkip) {
				t.Fatalf("%v\ninput: %q", err, src)
			}
		}
	})
}
