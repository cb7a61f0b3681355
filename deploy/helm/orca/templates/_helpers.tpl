{{/* Chart name, truncated to the 63 characters Kubernetes allows in a name. */}}
{{- define "orca.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name: <release>-orca, or the release name when it already says orca. */}}
{{- define "orca.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "orca.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "orca.labels" -}}
helm.sh/chart: {{ include "orca.chart" . }}
{{ include "orca.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: orca
{{- end }}

{{- define "orca.selectorLabels" -}}
app.kubernetes.io/name: {{ include "orca.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Names and selector labels of the two components. */}}
{{- define "orca.api.fullname" -}}
{{- printf "%s-api" (include "orca.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "orca.web.fullname" -}}
{{- printf "%s-web" (include "orca.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "orca.api.selectorLabels" -}}
{{ include "orca.selectorLabels" . }}
app.kubernetes.io/component: api
{{- end }}

{{- define "orca.web.selectorLabels" -}}
{{ include "orca.selectorLabels" . }}
app.kubernetes.io/component: web
{{- end }}

{{- define "orca.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "orca.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The chart's own Secret: the values given inline (postgresql.url, redis.url, smtp.url,
metrics.token) and the session secret, unless each names an existingSecret instead.
*/}}
{{- define "orca.secretName" -}}
{{- include "orca.fullname" . }}
{{- end }}

{{/* One secretKeyRef env entry. Call with (list $ "ENV_NAME" .Values.<block>). */}}
{{- define "orca.secretEnv" -}}
{{- $root := index . 0 }}
{{- $name := index . 1 }}
{{- $block := index . 2 -}}
- name: {{ $name }}
  valueFrom:
    secretKeyRef:
      {{- if $block.existingSecret }}
      name: {{ $block.existingSecret }}
      key: {{ $block.existingSecretKey | default $name }}
      {{- else }}
      name: {{ include "orca.secretName" $root }}
      key: {{ $name }}
      {{- end }}
{{- end }}

{{/* The secret environment of the api: each from the chart's Secret or one you manage. */}}
{{- define "orca.api.secretEnv" -}}
{{ include "orca.secretEnv" (list . "DATABASE_URL" .Values.postgresql) }}
{{- if or .Values.redis.url .Values.redis.existingSecret }}
{{ include "orca.secretEnv" (list . "REDIS_URL" .Values.redis) }}
{{- end }}
{{ include "orca.secretEnv" (list . "SESSION_SECRET" .Values.session) }}
{{- if or .Values.smtp.url .Values.smtp.existingSecret }}
{{ include "orca.secretEnv" (list . "SMTP_URL" .Values.smtp) }}
{{- end }}
{{- if .Values.metrics.enabled }}
{{ include "orca.secretEnv" (list . "METRICS_TOKEN" .Values.metrics) }}
{{- end }}
{{- end }}

{{- define "orca.api.image" -}}
{{- printf "%s:%s" .Values.api.image.repository (default .Chart.AppVersion .Values.api.image.tag) }}
{{- end }}

{{- define "orca.web.image" -}}
{{- printf "%s:%s" .Values.web.image.repository (default .Chart.AppVersion .Values.web.image.tag) }}
{{- end }}

{{- define "orca.publicUrl" -}}
{{- if .Values.config.publicUrl }}
{{- .Values.config.publicUrl }}
{{- else }}
{{- printf "%s://%s" (ternary "https" "http" .Values.ingress.tls.enabled) .Values.ingress.host }}
{{- end }}
{{- end }}

{{/*
Non-secret environment of the api as a YAML map: the ConfigMap's data, and the migration Job's
env (a pre-install hook runs before the ConfigMap exists, so it cannot reference it).
*/}}
{{- define "orca.config" -}}
NODE_ENV: {{ .Values.config.nodeEnv | quote }}
LOG_LEVEL: {{ .Values.config.logLevel | quote }}
PUBLIC_URL: {{ include "orca.publicUrl" . | quote }}
TRUST_PROXY: {{ .Values.config.trustProxy | quote }}
EXPORT_THREADS: {{ .Values.config.exportThreads | quote }}
EXPORT_MEMORY_MB: {{ .Values.config.exportMemoryMb | quote }}
PORT: {{ .Values.api.port | quote }}
DATABASE_POOL_MAX: {{ .Values.postgresql.poolMax | quote }}
{{- /* The drain deadline: SIGKILL comes terminationGracePeriodSeconds after the preStop hook starts. */}}
SHUTDOWN_GRACE_MS: {{ max 1 (sub (sub (int .Values.api.terminationGracePeriodSeconds) (int .Values.api.preStopSeconds)) 5) | mul 1000 | quote }}
{{- range $name, $value := .Values.config.extraEnv }}
{{ $name }}: {{ $value | quote }}
{{- end }}
{{- end }}

{{/* Fails the render early, with one clear line, when a required value is missing. */}}
{{- define "orca.validate" -}}
{{- if and (not .Values.postgresql.existingSecret) (not .Values.postgresql.url) }}
{{- fail "orca: set postgresql.url (postgres://...) or postgresql.existingSecret" }}
{{- end }}
{{- if and (not .Values.redis.existingSecret) (not .Values.redis.url) (or .Values.api.autoscaling.enabled (gt (int .Values.api.replicaCount) 1)) }}
{{- fail "orca: more than one api replica needs redis.url or redis.existingSecret (Socket.IO fan-out, presence, rate limits)" }}
{{- end }}
{{- if and .Values.metrics.enabled (not .Values.metrics.existingSecret) (not .Values.metrics.token) }}
{{- fail "orca: metrics.enabled needs metrics.token or metrics.existingSecret (METRICS_TOKEN)" }}
{{- end }}
{{- end }}

{{/* NetworkPolicy egress rules every pod of the chart needs: DNS; and PostgreSQL. */}}
{{- define "orca.networkPolicy.dns" -}}
- ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
  {{- with .Values.networkPolicy.dns.to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
{{- define "orca.networkPolicy.postgresql" -}}
- ports:
    - port: {{ .Values.networkPolicy.postgresql.port }}
      protocol: TCP
  {{- with .Values.networkPolicy.postgresql.to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
