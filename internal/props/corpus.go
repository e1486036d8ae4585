package props

import (
	"os"
	"path/filepath"
	"strings"
)

// CorpusFiles lists every file under the directories of dirs (a list like
// PATH, as in UNROOT_CORPUS) but the index.tsv files that say where each came
// from (see scripts/corpus).
func CorpusFiles(dirs string) ([]string, error) {
	var files []string
	for _, dir := range filepath.SplitList(dirs) {
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && !strings.HasSuffix(path, ".tsv") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}
