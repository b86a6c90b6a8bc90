/** The OTel settings for other agents and for any OpenTelemetry client, pointed at the same collector. */
export const otherSourcesHelp = (endpoint: string): string => {
  const base = endpoint.replace(/\/$/, '');
  return `Other sources (not changed by init; add them yourself):

  Codex CLI (~/.codex/config.toml):
    [otel]
    exporter = { otlp-http = { endpoint = "${base}/v1/logs", protocol = "binary" } }

  Gemini CLI (~/.gemini/settings.json):
    "telemetry": { "enabled": true, "target": "local", "otlpEndpoint": "${base}", "otlpProtocol": "http" }

  Any OpenTelemetry SDK or collector:
    OTEL_EXPORTER_OTLP_ENDPOINT=${base}
    OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
    OTEL_METRICS_EXPORTER=otlp OTEL_LOGS_EXPORTER=otlp OTEL_TRACES_EXPORTER=otlp
`;
};
