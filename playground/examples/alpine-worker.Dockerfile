# A Go queue worker: compiled in a builder stage, shipped on Alpine with a
# shell-form ENTRYPOINT and a spool directory it writes.
FROM golang:1.22-alpine AS builder
WORKDIR /go/src/worker
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/worker ./cmd/worker

FROM alpine:3.20
RUN apk add --no-cache ca-certificates tzdata
COPY --from=builder /out/worker /usr/local/bin/worker
RUN mkdir -p /var/spool/worker
ENV WORKER_DATA_DIR=/var/spool/worker
ENTRYPOINT /usr/local/bin/worker --spool "$WORKER_DATA_DIR"
