# The unroot image: a static unroot binary on an empty base, run as a
# numeric non-root user in group 0. It needs no shell:
#
#   docker build -t unroot .
#   docker run --rm -u "$(id -u):0" -v "$PWD:/src" unroot -d /src
#
# GO_IMAGE is the Go toolchain image of the build stage; scripts/e2e-setup.sh
# makes a local one under the same tag where no registry can be reached.
ARG GO_IMAGE=golang:1.26-bookworm

FROM ${GO_IMAGE} AS build
# The module proxy the build downloads from (with --network host).
ARG GOPROXY=https://proxy.golang.org,direct
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# VERSION and COMMIT, as make dist stamps them (.git is not in the context).
ARG VERSION=
ARG COMMIT=
RUN CGO_ENABLED=0 go build -trimpath -buildvcs=false \
      -ldflags "-s -w -buildid= -X github.com/unroot/unroot/cli.Version=${VERSION} -X github.com/unroot/unroot/cli.Commit=${COMMIT}" \
      -o /out/unroot ./cmd/unroot

# unroot reads and writes only the files it is given: it needs no HOME, no
# user name and no init (it starts no children), which is what unroot --check
# reports on this stage and leaves alone.
FROM scratch
COPY --from=build /out/unroot /usr/local/bin/unroot
USER 65532:0
ENTRYPOINT ["/usr/local/bin/unroot"]
