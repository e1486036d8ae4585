package baseimages

// Platform and build images (OpenShift's and Kubernetes' base images,
// CentOS Stream on quay.io, Go's and CircleCI's builders, GPU images),
// read from each image's published definition.

// platformRows are matched after vendorRows.
var platformRows = []row{}
