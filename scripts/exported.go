//go:build ignore

// exported counts the exported names of this module that no other package uses, the measure of #16's
// "shrink the exported surface to what other packages use". Run it from the module root:
//
//	go run scripts/exported.go          # the count, then every unused name by package
//	go run scripts/exported.go -q       # the count only
//
// What it counts, so that anyone gets the same number:
//   - a name is an exported package-level const, var, func or type declared in a non-test file of a
//     non-main package of this module (methods and struct fields are not counted: their visibility
//     follows the type's);
//   - it is used when an identifier in any other package of the module resolves to it (go/types'
//     Info.Uses), tests of that other package included — a helper package like pdftest exists for other
//     packages' tests. The package's own tests, internal or external (package p_test), do not count:
//     an external test may reach an exported name that nothing else needs.
//
// It uses only the standard library and the go command: `go list -export -deps -test` compiles every
// package and test variant and says where its export data is; each package of the module is then parsed
// and type-checked against that export data, so the answer is the compiler's, not a text search.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

type listed struct {
	ImportPath   string
	Name         string
	Dir          string
	ForTest      string
	Export       string
	DepOnly      bool
	GoFiles      []string
	CgoFiles     []string
	TestGoFiles  []string
	XTestGoFiles []string
	ImportMap    map[string]string
	Module       *struct{ Main bool }
}

func main() {
	quiet := flag.Bool("q", false, "print the count only")
	flag.Parse()
	patterns := flag.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	if err := run(patterns, *quiet, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "exported:", err)
		os.Exit(1)
	}
}

func run(patterns []string, quiet bool, out io.Writer) error {
	args := append([]string{"list", "-e", "-json", "-export", "-deps", "-test"}, patterns...)
	cmd := exec.Command("go", args...)
	cmd.Stderr = os.Stderr
	raw, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("go list: %w", err)
	}
	var pkgs []*listed
	export := map[string]string{}
	for dec := json.NewDecoder(bytes.NewReader(raw)); dec.More(); {
		p := new(listed)
		if err := dec.Decode(p); err != nil {
			return fmt.Errorf("go list output: %w", err)
		}
		export[p.ImportPath] = p.Export
		if p.Module != nil && p.Module.Main && !strings.HasSuffix(p.ImportPath, ".test") {
			pkgs = append(pkgs, p)
		}
	}

	type name struct {
		pkg, id string
		pos     token.Position
	}
	fset := token.NewFileSet()
	declared := map[string]name{} // key → name, for the non-test variant of each non-main package
	used := map[string]bool{}     // keys some other package uses
	for _, p := range pkgs {
		// A test variant "p [q.test]" of a package q's test is the same source as p: it adds no uses.
		// Only p's own test variant (ForTest == p) and its external test package carry test files.
		base, _, _ := strings.Cut(p.ImportPath, " ")
		if p.ForTest != "" && p.ForTest != strings.TrimSuffix(base, "_test") {
			continue
		}
		// go list gives a test variant's GoFiles with its test files in them.
		files := append(append([]string{}, p.GoFiles...), p.CgoFiles...)
		info, tpkg, err := check(fset, p, files, export)
		if err != nil {
			return fmt.Errorf("%s: %w", p.ImportPath, err)
		}
		self := strings.TrimSuffix(base, "_test")
		for _, obj := range info.Uses {
			if obj.Pkg() == nil || obj.Pkg().Path() == self || !obj.Exported() {
				continue
			}
			used[key(fset, obj)] = true
		}
		if p.ForTest != "" || p.Name == "main" || p.DepOnly {
			continue
		}
		for _, id := range tpkg.Scope().Names() {
			obj := tpkg.Scope().Lookup(id)
			if obj.Exported() {
				declared[key(fset, obj)] = name{base, id, fset.Position(obj.Pos())}
			}
		}
	}

	var unused []name
	for k, n := range declared {
		if !used[k] {
			unused = append(unused, n)
		}
	}
	sort.Slice(unused, func(i, j int) bool {
		if unused[i].pkg != unused[j].pkg {
			return unused[i].pkg < unused[j].pkg
		}
		return unused[i].id < unused[j].id
	})
	fmt.Fprintf(out, "%d of %d exported names are used by no other package\n", len(unused), len(declared))
	if quiet {
		return nil
	}
	last := ""
	for _, n := range unused {
		if n.pkg != last {
			fmt.Fprintf(out, "\n%s\n", n.pkg)
			last = n.pkg
		}
		fmt.Fprintf(out, "\t%s\t%s:%d\n", n.id, filepath.Base(n.pos.Filename), n.pos.Line)
	}
	return nil
}

// key names an object the same way whether it was type-checked from source or read from export data:
// its package, its name and where it is declared.
func key(fset *token.FileSet, obj types.Object) string {
	pos := fset.Position(obj.Pos())
	return fmt.Sprintf("%s.%s@%s:%d", obj.Pkg().Path(), obj.Name(), filepath.Base(pos.Filename), pos.Line)
}

// check type-checks the files of p against the export data go list built for p's imports, resolved
// through p's import map (a test variant imports test variants of the packages that import p).
func check(fset *token.FileSet, p *listed, files []string, export map[string]string) (*types.Info, *types.Package, error) {
	var syntax []*ast.File
	for _, f := range files {
		if !filepath.IsAbs(f) {
			f = filepath.Join(p.Dir, f)
		}
		af, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, nil, err
		}
		syntax = append(syntax, af)
	}
	lookup := func(path string) (io.ReadCloser, error) {
		if m, ok := p.ImportMap[path]; ok {
			path = m
		}
		file := export[path]
		if file == "" {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(file)
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "gc", lookup)}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
	path, _, _ := strings.Cut(p.ImportPath, " ")
	tpkg, err := conf.Check(path, fset, syntax, info)
	return info, tpkg, err
}
