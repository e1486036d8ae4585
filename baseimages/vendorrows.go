package baseimages

// Vendor-published runtime and base images outside Docker Hub's official
// images (Google's Cloud CLI and marketplace Debian, Cilium's runtime,
// Paketo's run images, go-rod, and others of the corpus), read from each
// image's published definition.

// vendorRows are matched after ciRows.
var vendorRows = []row{}
