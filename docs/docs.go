// Package docs embeds the rule pages (docs/rules/URnnn.md) so that
// `unroot rules ID` prints the same text the repository shows.
package docs

import "embed"

// Rules holds rules/URnnn.md, one page per rule.
//
//go:embed rules/*.md
var Rules embed.FS
