package batch

import (
	"flag"
	"testing"

	"github.com/kaoping/kaoping/cmd/kaoping/internal/batch/batchtest"
)

var (
	corpusDir = flag.String("corpus", "", "write a corpus of -n mixed documents to this folder, for scripts/bench-batch.sh")
	corpusN   = flag.Int("n", 100, "documents in the -corpus")
)

// TestWriteCorpus writes the benchmark's corpus when asked with -corpus;
// the corpus is generated, never committed.
func TestWriteCorpus(t *testing.T) {
	if *corpusDir == "" {
		t.Skip("no -corpus folder given")
	}
	batchtest.Corpus(t, *corpusDir, *corpusN)
}
