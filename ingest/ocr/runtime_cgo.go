//go:build cgo

package ocr

import (
	"fmt"
	"sync"

	ort "github.com/yalue/onnxruntime_go"
)

// ONNX Runtime keeps one environment per process; the first library path
// given wins. This is the package's only global state, forced by the runtime.
var (
	rtMu sync.Mutex
)

func initRuntime(lib string) error {
	rtMu.Lock()
	defer rtMu.Unlock()
	if ort.IsInitialized() {
		return nil
	}
	ort.SetSharedLibraryPath(lib)
	if err := ort.InitializeEnvironment(); err != nil {
		return fmt.Errorf("ocr: load ONNX Runtime %s: %w", lib, err)
	}
	return nil
}

// session is one network with one float input and one float output.
type session struct {
	s *ort.DynamicAdvancedSession
}

// newSession loads a network whose runs use up to threads cores each.
func newSession(model string, threads int) (*session, error) {
	in, out, err := ort.GetInputOutputInfo(model)
	if err != nil {
		return nil, err
	}
	if len(in) != 1 || len(out) != 1 {
		return nil, fmt.Errorf("%s: want one input and one output, have %d and %d", model, len(in), len(out))
	}
	opts, err := ort.NewSessionOptions()
	if err != nil {
		return nil, err
	}
	defer opts.Destroy()
	if err := opts.SetIntraOpNumThreads(threads); err != nil {
		return nil, err
	}
	if err := opts.SetInterOpNumThreads(1); err != nil {
		return nil, err
	}
	// A waiting worker thread sleeps instead of spinning: spinning doubled
	// the CPU time of a recogniser run here (0.17 against 0.08 CPU-ms per
	// input column, 2 cores) and takes the cores from whatever else runs.
	if err := opts.AddSessionConfigEntry("session.intra_op.allow_spinning", "0"); err != nil {
		return nil, err
	}
	if err := opts.SetGraphOptimizationLevel(ort.GraphOptimizationLevelEnableAll); err != nil {
		return nil, err
	}
	// Every page and every line batch has another shape: memory patterns
	// are planned per shape and would only pile up.
	if err := opts.SetMemPattern(false); err != nil {
		return nil, err
	}
	s, err := ort.NewDynamicAdvancedSession(model, []string{in[0].Name}, []string{out[0].Name}, opts)
	if err != nil {
		return nil, err
	}
	return &session{s: s}, nil
}

// run runs the network on data of shape, returning the output and its shape.
func (s *session) run(data []float32, shape []int64) ([]float32, []int64, error) {
	in, err := ort.NewTensor(ort.NewShape(shape...), data)
	if err != nil {
		return nil, nil, err
	}
	defer in.Destroy()
	outs := []ort.Value{nil}
	if err := s.s.Run([]ort.Value{in}, outs); err != nil {
		return nil, nil, err
	}
	defer outs[0].Destroy()
	t, ok := outs[0].(*ort.Tensor[float32])
	if !ok {
		return nil, nil, fmt.Errorf("ocr: output is %T, not float32", outs[0])
	}
	out := append([]float32(nil), t.GetData()...)
	return out, []int64(t.GetShape()), nil
}

func (s *session) close() {
	if s != nil && s.s != nil {
		s.s.Destroy()
	}
}
