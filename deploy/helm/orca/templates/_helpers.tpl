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

{{/* The Secret holding DATABASE_URL, REDIS_URL, SESSION_SECRET, SMTP_URL. */}}
{{- define "orca.secretName" -}}
{{- if .Values.secrets.existingSecret }}
{{- .Values.secrets.existingSecret }}
{{- else }}
{{- include "orca.fullname" . }}
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
{{- range $name, $value := .Values.config.extraEnv }}
{{ $name }}: {{ $value | quote }}
{{- end }}
{{- end }}

{{/* Fails the render early, with one clear line, when the database is not configured. */}}
{{- define "orca.validate" -}}
{{- if and (not .Values.secrets.existingSecret) (not .Values.secrets.databaseUrl) }}
{{- fail "orca: set secrets.databaseUrl (postgres://...) or secrets.existingSecret" }}
{{- end }}
{{- if and (not .Values.secrets.existingSecret) (not .Values.secrets.redisUrl) (or .Values.api.autoscaling.enabled (gt (int .Values.api.replicaCount) 1)) }}
{{- fail "orca: more than one api replica needs secrets.redisUrl (Socket.IO fan-out, presence, rate limits)" }}
{{- end }}
{{- end }}
