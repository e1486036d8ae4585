package verify

import (
	"slices"
	"testing"
)

func TestParseRunConfig(t *testing.T) {
	c, err := parseRunConfig(`{"User":"","Env":["PATH=/usr/bin"],"Cmd":["bash"],"Entrypoint":null,"Shell":null}` + "\n")
	if err != nil {
		t.Fatal(err)
	}
	if c.Entrypoint != nil || !slices.Equal(c.Cmd, []string{"bash"}) || c.Shell != nil {
		t.Errorf("got %+v", c)
	}
	c, err = parseRunConfig(`{"Cmd":null,"Entrypoint":["tini","--","start.sh"],"Shell":["/bin/bash","-c"]}`)
	if err != nil || !slices.Equal(c.Entrypoint, []string{"tini", "--", "start.sh"}) || c.Cmd != nil || len(c.Shell) != 2 {
		t.Errorf("got %+v, %v", c, err)
	}
	if _, err := parseRunConfig("Error: no such object"); err == nil {
		t.Error("garbage accepted")
	}
}
