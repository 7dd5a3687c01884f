{{/* The release's name, or the chart's when the release is named after it. */}}
{{- define "gigmart.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "gigmart.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: gigmart
{{- end -}}

{{/* The pods of one component (gateway, users, ...): (dict "root" $ "name" "users"). */}}
{{- define "gigmart.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "gigmart.secretName" -}}
{{- .Values.existingSecret | default (printf "%s-secrets" (include "gigmart.fullname" .)) -}}
{{- end -}}

{{- define "gigmart.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- .Values.serviceAccount.name | default (include "gigmart.fullname" .) -}}
{{- else -}}
{{- .Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{/*
Which subgraphs call which over their internal routes (x-service-token), read from the services'
code; the NetworkPolicy admits exactly these besides the gateway. Keep it in step with the
services' app.ts (infra/deploy/test/helm.test.ts prints it beside them).
  users  <- gigs, orders, inbox, media: the member directory (POST /internal/members)
  gigs   <- orders: gig look-ups (/internal/gigs/lookup) and, without NATS, the order facts (/internal/events)
  orders <- gigs: the stats reconciliation (/internal/orders/facts; services/gigs/src/cli/reconcile.ts,
            run in a gigs pod)
  inbox  <- orders: "has the buyer written" (/internal/conversations/has-written) and, without NATS,
            the order and offer events (/internal/events)
  media  <- users, gigs, orders, inbox: checking and attaching a file to what owns it
The gateway is reached by the subgraphs only without NATS (live events to /internal/events).
*/}}
{{- define "gigmart.callers" -}}
users: [gigs, orders, inbox, media]
gigs: [orders]
orders: [gigs]
inbox: [orders]
media: [users, gigs, orders, inbox]
{{- end -}}

{{/*
The deployable components, in start order, each with its settings merged over .Values.defaults:
a list of {name, kind (subgraph|gateway), port, portVariable, urlVariable, values}.
*/}}
{{- define "gigmart.components" -}}
{{- $root := . -}}
{{- $list := list -}}
{{- range $name := list "users" "gigs" "orders" "inbox" "media" -}}
{{- $sub := index $root.Values.subgraphs $name -}}
{{- if or (ne $name "media") $sub.enabled -}}
{{- $values := mergeOverwrite (deepCopy $root.Values.defaults) (deepCopy $sub) -}}
{{- $list = append $list (dict "name" $name "kind" "subgraph" "port" (int $sub.port) "portVariable" (printf "%s_PORT" (upper $name)) "urlVariable" (printf "%s_URL" (upper $name)) "values" $values) -}}
{{- end -}}
{{- end -}}
{{- $gateway := mergeOverwrite (deepCopy $root.Values.defaults) (deepCopy (omit $root.Values.gateway "supergraph")) -}}
{{- $list = append $list (dict "name" "gateway" "kind" "gateway" "port" (int $root.Values.gateway.port) "portVariable" "GATEWAY_PORT" "urlVariable" "GATEWAY_URL" "values" $gateway) -}}
{{- toYaml (dict "items" $list) -}}
{{- end -}}

{{/* The Service address of a component: http://<fullname>-<name>:<port>. */}}
{{- define "gigmart.url" -}}
{{- printf "http://%s-%s:%d" (include "gigmart.fullname" .root) .name (int .port) -}}
{{- end -}}
