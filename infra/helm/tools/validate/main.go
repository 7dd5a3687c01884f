// Command validate reads Kubernetes manifests (a multi-document YAML stream, e.g. `helm template`'s
// output) on stdin and decodes each one strictly into its Go API type from client-go's scheme: an
// unknown kind or apiVersion, an unknown or duplicated field, or a value of the wrong type is an
// error. It prints one line per object (`Kind/name`) and exits 1 after listing every problem.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"k8s.io/apimachinery/pkg/runtime/serializer/json"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/kubernetes/scheme"
	sigsyaml "sigs.k8s.io/yaml"
)

type meta struct {
	Kind     string `json:"kind"`
	Metadata struct {
		Name string `json:"name"`
	} `json:"metadata"`
}

func main() {
	serializer := json.NewSerializerWithOptions(json.DefaultMetaFactory, scheme.Scheme, scheme.Scheme,
		json.SerializerOptions{Yaml: true, Strict: true})
	reader := utilyaml.NewYAMLReader(bufio.NewReader(os.Stdin))
	problems := 0
	count := 0
	for {
		doc, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "reading the manifests: %v\n", err)
			os.Exit(2)
		}
		if len(bytes.TrimSpace(stripComments(doc))) == 0 {
			continue
		}
		count++
		var m meta
		if err := sigsyaml.Unmarshal(doc, &m); err != nil {
			fmt.Printf("INVALID document %d: %v\n", count, err)
			problems++
			continue
		}
		name := fmt.Sprintf("%s/%s", m.Kind, m.Metadata.Name)
		obj, gvk, err := serializer.Decode(doc, nil, nil)
		if err != nil {
			fmt.Printf("INVALID %s: %v\n", name, err)
			problems++
			continue
		}
		if obj == nil || gvk == nil {
			fmt.Printf("INVALID %s: decoded to nothing\n", name)
			problems++
			continue
		}
		fmt.Printf("ok %s %s\n", gvk.GroupVersion().String(), name)
	}
	if count == 0 {
		fmt.Println("INVALID: no manifests on stdin")
		os.Exit(1)
	}
	if problems > 0 {
		os.Exit(1)
	}
}

// stripComments drops whole-line YAML comments (Helm's `# Source:` lines) to see whether a
// document is empty.
func stripComments(doc []byte) []byte {
	var out []string
	for _, line := range strings.Split(string(doc), "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			out = append(out, line)
		}
	}
	return []byte(strings.Join(out, "\n"))
}
