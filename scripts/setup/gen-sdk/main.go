// Command gen-sdk writes a language SDK for a Pulumi package schema:
//
//	gen-sdk <schema.json> <nodejs|python|go> <out-dir>
//
// `pulumi package gen-sdk` hands the schema to the language's plugin (pulumi-language-nodejs,
// -python, -go), whose GeneratePackage runs the code generator of github.com/pulumi/pulumi/pkg/v3
// for that language and writes the files it returns. This command runs the same generators, from
// the same module version as the CLI the project builds, with the same tool names, so its output
// is what gen-sdk would write; it exists because those language plugins cannot be installed on
// every machine that builds the project, while pkg/v3 can.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi/pkg/v3/cmd/pulumi/packages"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/registry"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: gen-sdk <schema.json> <nodejs|python|go> <out-dir>")
		os.Exit(2)
	}
	if err := generate(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintf(os.Stderr, "gen-sdk: %v\n", err)
		os.Exit(1)
	}
}

func generate(schemaPath, language, out string) error {
	text, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(text, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}
	// The plugin context gen-sdk makes, for the packages a schema refers to (this one refers to none).
	// Its registry is asked only to resolve such a reference.
	noRegistry := registry.NewOnDemandRegistry(func() (registry.Registry, error) {
		return nil, errors.New("the schema refers to another package; generate with `pulumi package gen-sdk`")
	})
	pctx, err := packages.NewPluginContext(filepath.Dir(schemaPath), noRegistry)
	if err != nil {
		return err
	}
	defer pctx.Close()
	loader := schema.NewPluginLoader(pctx)
	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return diags
	}

	var files map[string][]byte
	switch language {
	case "nodejs":
		files, err = nodejs.GeneratePackage("pulumi-language-nodejs", pkg, nil, nil, false, loader)
	case "python":
		files, err = python.GeneratePackage("pulumi-language-python", pkg, nil, loader)
	case "go":
		files, err = gogen.GeneratePackage("pulumi-language-go", pkg, nil)
	default:
		return fmt.Errorf("unknown language %q: expected nodejs, python or go", language)
	}
	if err != nil {
		return err
	}

	if err := os.RemoveAll(out); err != nil {
		return err
	}
	for name, content := range files {
		path := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}
