//go:build tools

// Pins Helm's command in go.mod/go.sum: `go build helm.sh/helm/v3/cmd/helm` from this module.
package tools

import _ "helm.sh/helm/v3/cmd/helm"
