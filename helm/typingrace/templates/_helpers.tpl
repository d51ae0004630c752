{{/*
Names, labels and the small decisions several templates share.
*/}}

{{/* The chart's name, or nameOverride; at most 63 characters, the limit of a label value. */}}
{{- define "typingrace.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The prefix of every object name: fullnameOverride, or "<release>-<name>", or the release name alone when it already
contains the chart's name (release "typingrace" gives "typingrace", not "typingrace-typingrace").
*/}}
{{- define "typingrace.fullname" -}}
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

{{/* "<fullname>-<suffix>", cut again to 63 characters: (list $ "silo") gives "typingrace-silo". */}}
{{- define "typingrace.componentName" -}}
{{- $root := index . 0 }}
{{- printf "%s-%s" (include "typingrace.fullname" $root) (index . 1) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The chart label: name-version, with "+" (not allowed in a label value) written as "_". */}}
{{- define "typingrace.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The recommended labels of every object. Templates add app.kubernetes.io/component on the next line.
*/}}
{{- define "typingrace.labels" -}}
helm.sh/chart: {{ include "typingrace.chart" . }}
{{ include "typingrace.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: typingrace
{{- end }}

{{/*
Selector labels: name and instance only, because a selector cannot change after install. Deployments and the
StatefulSet add app.kubernetes.io/component, which does not change either. Pod templates carry these (and not the
chart version), so that upgrading the chart alone does not roll the silos.
*/}}
{{- define "typingrace.selectorLabels" -}}
app.kubernetes.io/name: {{ include "typingrace.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
An image reference from (dict "image" .Values.silo.image "root" $): image.registry in front, and the component's
tag, else image.tag, else the chart's appVersion.
*/}}
{{- define "typingrace.image" -}}
{{- $root := .root }}
{{- $tag := .image.tag | default $root.Values.image.tag | default $root.Chart.AppVersion | toString }}
{{- $registry := $root.Values.image.registry | trimSuffix "/" }}
{{- if $registry }}
{{- printf "%s/%s:%s" $registry .image.repository $tag }}
{{- else }}
{{- printf "%s:%s" .image.repository $tag }}
{{- end }}
{{- end }}

{{/* The ServiceAccount of the silos. */}}
{{- define "typingrace.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "typingrace.componentName" (list . "silo")) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The Secret with the Redis connection string: your own (redis.external.existingSecret), or the one this chart writes
for the bundled Redis. With neither there is nowhere to keep the cluster, so the render stops; with both, the bundled
Redis would run empty next to yours, so it stops too.
*/}}
{{- define "typingrace.redisSecretName" -}}
{{- if and .Values.redis.external.existingSecret .Values.redis.bundled.enabled }}
{{- fail "redis.external.existingSecret is set and redis.bundled.enabled is true: set redis.bundled.enabled=false to use your own Redis, or clear redis.external.existingSecret to use the bundled one." }}
{{- else if .Values.redis.external.existingSecret }}
{{- .Values.redis.external.existingSecret }}
{{- else if .Values.redis.bundled.enabled }}
{{- include "typingrace.componentName" (list . "redis") }}
{{- else }}
{{- fail "No Redis: redis.bundled.enabled is false and redis.external.existingSecret is empty. Name a Secret holding the connection string (redis.external.existingSecret), or turn the bundled Redis on." }}
{{- end }}
{{- end }}

{{/* The key of the connection string in that Secret; the chart's own Secret uses "connectionString". */}}
{{- define "typingrace.redisSecretKey" -}}
{{- if .Values.redis.external.existingSecret }}
{{- .Values.redis.external.existingSecretKey }}
{{- else }}
{{- print "connectionString" }}
{{- end }}
{{- end }}

{{/*
The Secret with the admin key, or nothing. The chart never makes up a key: a key generated at render time changes
on every `helm template` (Argo CD and similar tools render that way, and `lookup` sees no cluster there), and silos
and gateways started from different renders would disagree about it. So the key is always one you created, and the
dashboard, which needs it, refuses to be turned on without it.
*/}}
{{- define "typingrace.adminSecretName" -}}
{{- if and .Values.dashboard.enabled (not .Values.admin.existingSecret) }}
{{- fail "dashboard.enabled is true but admin.existingSecret is empty: the Orleans Dashboard needs the admin key. Create a Secret (kubectl create secret generic typingrace-admin --from-literal=adminKey=...) and set admin.existingSecret to its name." }}
{{- end }}
{{- .Values.admin.existingSecret }}
{{- end }}

{{/*
The environment both hosts share: Orleans ids, Redis, the admin key, logs, URLs and the metrics port.
Called with (dict "root" $ "http" <port> "shutdown" <seconds>).
*/}}
{{- define "typingrace.commonEnv" -}}
{{- $root := .root -}}
- name: Urls
  {{- /* Not ASPNETCORE_URLS: the "Urls" in the hosts' appsettings.json would win over it. */}}
  value: {{ printf "http://+:%d;http://+:%d" (int .http) (int $root.Values.metrics.port) | quote }}
- name: Management__Port
  value: {{ $root.Values.metrics.port | quote }}
- name: DOTNET_SHUTDOWNTIMEOUTSECONDS
  value: {{ .shutdown | quote }}
- name: Logging__Console__FormatterName
  value: {{ $root.Values.logs.format | quote }}
- name: Redis__ConnectionString
  valueFrom:
    secretKeyRef:
      name: {{ include "typingrace.redisSecretName" $root }}
      key: {{ include "typingrace.redisSecretKey" $root }}
{{- with include "typingrace.adminSecretName" $root }}
- name: Admin__Key
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $root.Values.admin.existingSecretKey }}
{{- end }}
{{- end }}

{{/* A whole number of seconds as a .NET TimeSpan, "hh:mm:ss": 10 gives "00:00:10". */}}
{{- define "typingrace.timeSpan" -}}
{{- $seconds := int . }}
{{- printf "%02d:%02d:%02d" (div $seconds 3600) (mod (div $seconds 60) 60) (mod $seconds 60) }}
{{- end }}
