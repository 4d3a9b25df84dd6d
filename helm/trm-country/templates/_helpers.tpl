{{/*
Names, labels and the parts shared by the node and gateway workloads.
*/}}

{{- define "trm-country.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name prefix. Truncated so that "<fullname>-gateway" stays within the 63-character DNS label limit.
*/}}
{{- define "trm-country.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 55 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 55 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 55 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "trm-country.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Selector labels of one component. Call with (dict "root" $ "component" "node").
*/}}
{{- define "trm-country.selectorLabels" -}}
app.kubernetes.io/name: {{ include "trm-country.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
Standard labels of one component. Call with (dict "root" $ "component" "node").
*/}}
{{- define "trm-country.labels" -}}
helm.sh/chart: {{ include "trm-country.chart" .root }}
{{ include "trm-country.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: trm
trm/country: {{ .root.Values.country | quote }}
{{- end }}

{{- define "trm-country.componentName" -}}
{{- printf "%s-%s" (include "trm-country.fullname" .root) .component }}
{{- end }}

{{/* Where the mounted Secrets appear inside the containers. */}}
{{- define "trm-country.tlsDir" -}}/etc/trm/tls{{- end }}
{{- define "trm-country.keysDir" -}}/etc/trm/keys{{- end }}
{{- define "trm-country.directoryDir" -}}/etc/trm/directory{{- end }}

{{/* The node's encryption key files, current first, as one comma-separated value. */}}
{{- define "trm-country.encryptionKeyPaths" -}}
{{- $dir := include "trm-country.keysDir" . }}
{{- $paths := list }}
{{- range .Values.node.keys.encryptionKeys }}
{{- $paths = append $paths (printf "%s/%s" $dir .) }}
{{- end }}
{{- join "," $paths }}
{{- end }}

{{- define "trm-country.gatewayUrl" -}}
{{- if .Values.node.gatewayUrl }}
{{- .Values.node.gatewayUrl }}
{{- else }}
{{- printf "https://%s-gateway:%v" (include "trm-country.fullname" .) .Values.gateway.ports.https }}
{{- end }}
{{- end }}

{{- define "trm-country.nodeUrl" -}}
{{- if .Values.gateway.nodeUrl }}
{{- .Values.gateway.nodeUrl }}
{{- else }}
{{- printf "https://%s-node:%v" (include "trm-country.fullname" .) .Values.node.ports.https }}
{{- end }}
{{- end }}

{{- define "trm-country.realmUrl" -}}
{{- required "keycloak.realmUrl is required (e.g. https://keycloak.example.org/realms/nrm-at)" .Values.keycloak.realmUrl | trimSuffix "/" }}
{{- end }}

{{/*
Settings both services read, as ConfigMap data keyed by environment variable name. Call with
(dict "root" $ "component" "node"). Passwords never go here: they come from secretKeyRef.
*/}}
{{- define "trm-country.commonSettings" -}}
{{- $v := index .root.Values .component }}
{{- $env := .root.Values.envNames.common -}}
{{ $env.jdbcUrl }}: {{ required (printf "%s.database.jdbcUrl is required" .component) $v.database.jdbcUrl | quote }}
{{ $env.keystorePath }}: {{ printf "%s/%s" (include "trm-country.tlsDir" .) $v.tls.keystoreKey | quote }}
{{ $env.truststorePath }}: {{ printf "%s/%s" (include "trm-country.tlsDir" .) $v.tls.truststoreKey | quote }}
{{ $env.httpsPort }}: {{ $v.ports.https | quote }}
{{ $env.managementPort }}: {{ .root.Values.management.port | quote }}
{{- end }}

{{/*
Deployment of one component. Call with (dict "root" $ "component" "node").
*/}}
{{- define "trm-country.deployment" -}}
{{- $root := .root }}
{{- $component := .component }}
{{- $v := index $root.Values $component }}
{{- $env := $root.Values.envNames.common }}
{{- $name := include "trm-country.componentName" . }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "trm-country.labels" . | nindent 4 }}
spec:
  replicas: {{ $v.replicaCount }}
  revisionHistoryLimit: 5
  strategy:
    {{- toYaml $v.strategy | nindent 4 }}
  selector:
    matchLabels:
      {{- include "trm-country.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "trm-country.labels" . | nindent 8 }}
      annotations:
        checksum/config: {{ include (print $root.Template.BasePath "/configmap-" $component ".yaml") $root | sha256sum }}
        {{- if $root.Values.management.prometheusAnnotations }}
        prometheus.io/scrape: "true"
        prometheus.io/port: {{ $root.Values.management.port | quote }}
        prometheus.io/path: /q/metrics
        {{- end }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      automountServiceAccountToken: false
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      containers:
        - name: {{ $component }}
          image: "{{ $v.image.repository }}:{{ $v.image.tag | default $root.Chart.AppVersion }}"
          imagePullPolicy: {{ $v.image.pullPolicy }}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          ports:
            {{- if eq $component "node" }}
            - name: http
              containerPort: {{ $v.ports.http }}
              protocol: TCP
            {{- end }}
            - name: https
              containerPort: {{ $v.ports.https }}
              protocol: TCP
            - name: management
              containerPort: {{ $root.Values.management.port }}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ $name }}
          env:
            - name: {{ $env.dbUsername }}
              valueFrom:
                secretKeyRef:
                  name: {{ required (printf "%s.database.existingSecret is required" $component) $v.database.existingSecret }}
                  key: {{ $v.database.usernameKey }}
            - name: {{ $env.dbPassword }}
              valueFrom:
                secretKeyRef:
                  name: {{ $v.database.existingSecret }}
                  key: {{ $v.database.passwordKey }}
            - name: {{ $env.keystorePassword }}
              valueFrom:
                secretKeyRef:
                  name: {{ required (printf "%s.tls.existingSecret is required" $component) $v.tls.existingSecret }}
                  key: {{ $v.tls.keystorePasswordKey }}
            - name: {{ $env.truststorePassword }}
              valueFrom:
                secretKeyRef:
                  name: {{ $v.tls.existingSecret }}
                  key: {{ $v.tls.truststorePasswordKey }}
            {{- with $v.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          startupProbe:
            httpGet:
              path: /q/health/live
              port: management
            periodSeconds: {{ $root.Values.probes.startup.periodSeconds }}
            failureThreshold: {{ $root.Values.probes.startup.failureThreshold }}
          livenessProbe:
            httpGet:
              path: /q/health/live
              port: management
            periodSeconds: {{ $root.Values.probes.liveness.periodSeconds }}
            timeoutSeconds: {{ $root.Values.probes.liveness.timeoutSeconds }}
            failureThreshold: {{ $root.Values.probes.liveness.failureThreshold }}
          readinessProbe:
            httpGet:
              path: /q/health/ready
              port: management
            periodSeconds: {{ $root.Values.probes.readiness.periodSeconds }}
            timeoutSeconds: {{ $root.Values.probes.readiness.timeoutSeconds }}
            failureThreshold: {{ $root.Values.probes.readiness.failureThreshold }}
          resources:
            {{- toYaml $v.resources | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            - name: tls
              mountPath: {{ include "trm-country.tlsDir" . }}
              readOnly: true
            - name: directory
              mountPath: {{ include "trm-country.directoryDir" . }}
              readOnly: true
            - name: keys
              mountPath: {{ include "trm-country.keysDir" . }}
              readOnly: true
      volumes:
        # Quarkus and the JVM write temporary files; the root file system stays read-only.
        - name: tmp
          emptyDir:
            sizeLimit: 256Mi
        - name: tls
          secret:
            secretName: {{ $v.tls.existingSecret }}
            defaultMode: 0440
            items:
              - key: {{ $v.tls.keystoreKey }}
                path: {{ $v.tls.keystoreKey }}
              - key: {{ $v.tls.truststoreKey }}
                path: {{ $v.tls.truststoreKey }}
        - name: directory
          secret:
            secretName: {{ required "directory.existingSecret is required" $root.Values.directory.existingSecret }}
            defaultMode: 0440
            items:
              - key: {{ $root.Values.directory.directoryKey }}
                path: {{ $root.Values.directory.directoryKey }}
              - key: {{ $root.Values.directory.operatorKeyKey }}
                path: {{ $root.Values.directory.operatorKeyKey }}
        - name: keys
          secret:
            secretName: {{ required (printf "%s.keys.existingSecret is required" $component) $v.keys.existingSecret }}
            defaultMode: 0440
            items:
              - key: {{ $v.keys.signingKey }}
                path: {{ $v.keys.signingKey }}
              {{- if eq $component "node" }}
              {{- range $v.keys.encryptionKeys }}
              - key: {{ . }}
                path: {{ . }}
              {{- end }}
              {{- end }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}

{{/*
Service of one component. Call with (dict "root" $ "component" "node").
*/}}
{{- define "trm-country.service" -}}
{{- $v := index .root.Values .component }}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "trm-country.componentName" . }}
  labels:
    {{- include "trm-country.labels" . | nindent 4 }}
  {{- with $v.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ $v.service.type }}
  selector:
    {{- include "trm-country.selectorLabels" . | nindent 4 }}
  ports:
    {{- range $port, $number := $v.ports }}
    - name: {{ $port }}
      port: {{ $number }}
      targetPort: {{ $port }}
      protocol: TCP
    {{- end }}
    - name: management
      port: {{ .root.Values.management.port }}
      targetPort: management
      protocol: TCP
{{- end }}

{{/*
PodDisruptionBudget of one component, if enabled. Call with (dict "root" $ "component" "node").
*/}}
{{- define "trm-country.pdb" -}}
{{- $v := index .root.Values .component }}
{{- if $v.podDisruptionBudget.enabled }}
{{- if and (not (kindIs "string" $v.podDisruptionBudget.minAvailable)) (ge (int $v.podDisruptionBudget.minAvailable) (int $v.replicaCount)) }}
{{- fail (printf "%s.podDisruptionBudget.minAvailable (%v) must be below %s.replicaCount (%v), or no pod could ever be evicted" .component $v.podDisruptionBudget.minAvailable .component $v.replicaCount) }}
{{- end }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "trm-country.componentName" . }}
  labels:
    {{- include "trm-country.labels" . | nindent 4 }}
spec:
  minAvailable: {{ $v.podDisruptionBudget.minAvailable }}
  selector:
    matchLabels:
      {{- include "trm-country.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end }}
