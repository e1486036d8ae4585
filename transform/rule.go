// Package transform holds unroot's rules. Each rule is data (a stable ID, a
// name, a summary and a rationale) plus a check that reads the parsed
// document and reports findings; a finding may carry a fix made of text
// edits. Checks never touch the file: the driver applies every fix at once to
// the original bytes (see apply.go), in the manner of go/analysis.
package transform

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Rule describes one kind of problem unroot finds and fixes.
type Rule struct {
	ID        string // stable: "UR001"
	Name      string // short kebab-case name: "numeric-user"
	Summary   string // one line
	Rationale string // why it matters under an arbitrary UID
	URL       string // documentation
	// Order decides when the check runs relative to others; lower first.
	Order int
	Check func(p *Pass)
}

var (
	registryMu sync.RWMutex
	registry   = map[string]*Rule{}
)

// Register adds a rule; each pass file registers its rule in init.
func Register(r *Rule) {
	registryMu.Lock()
	defer registryMu.Unlock()
	if _, dup := registry[r.ID]; dup {
		panic(fmt.Sprintf("transform: rule %s registered twice", r.ID))
	}
	registry[r.ID] = r
}

// Rules returns every registered rule in run order.
func Rules() []*Rule {
	registryMu.RLock()
	defer registryMu.RUnlock()
	out := make([]*Rule, 0, len(registry))
	for _, r := range registry {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *Rule) int {
		if a.Order != b.Order {
			return a.Order - b.Order
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// LookupRule finds a rule by ID (case-insensitive) or name.
func LookupRule(idOrName string) (*Rule, bool) {
	registryMu.RLock()
	defer registryMu.RUnlock()
	for _, r := range registry {
		if strings.EqualFold(r.ID, idOrName) || r.Name == idOrName {
			return r, true
		}
	}
	return nil, false
}

// docsURL is where each rule's documentation lives in the repository.
func docsURL(id string) string {
	return "https://github.com/unroot/unroot/blob/main/docs/rules/" + id + ".md"
}
