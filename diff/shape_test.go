package diff

import "fmt"

// checkShape verifies the hunk layout rules for n lines of context: every
// hunk has changes, carries exactly min(n, available) lines of leading and
// trailing context, has no run of more than 2n unchanged lines inside, and
// hunks that could have been merged (at most 2n unchanged lines between
// their changes) were merged.
func checkShape(d string, n, oldLen int) error {
	if d == "" {
		return nil
	}
	p, err := parseUnified(d)
	if err != nil {
		return err
	}
	prevLastChange := -1 // old index just after the last change of the previous hunk
	for hi, h := range p.hunks {
		first, last := -1, -1
		for k, op := range h.ops {
			if op != ' ' {
				if first < 0 {
					first = k
				}
				last = k
			}
		}
		if first < 0 {
			return fmt.Errorf("hunk %d has no changes", hi)
		}
		lead, trail := first, len(h.ops)-1-last
		at := h.oldIndex()
		// Leading context: n lines, or fewer only at the start of the file.
		if lead > n || (lead < n && at != 0) {
			return fmt.Errorf("hunk %d: %d leading context lines at old index %d (n=%d)", hi, lead, at, n)
		}
		// Trailing context: n lines, or fewer only at the end of the file.
		end := at + h.oldCount
		if trail > n || (trail < n && end != oldLen) {
			return fmt.Errorf("hunk %d: %d trailing context lines ending at old index %d of %d (n=%d)", hi, trail, end, oldLen, n)
		}
		run := 0
		for _, op := range h.ops[first : last+1] {
			if op == ' ' {
				run++
				if run > 2*n {
					return fmt.Errorf("hunk %d: %d unchanged lines inside a hunk", hi, run)
				}
			} else {
				run = 0
			}
		}
		// Old index of the first change of this hunk.
		firstChange := at + lead
		if prevLastChange >= 0 && firstChange-prevLastChange <= 2*n {
			return fmt.Errorf("hunk %d: only %d unchanged lines since previous hunk, should be merged", hi, firstChange-prevLastChange)
		}
		prevLastChange = end - trail
	}
	return nil
}
