package baseimages

// Images that projects pin in one-line Dockerfiles so that a dependency
// bot keeps them current, and the CI tool images of the corpus (FerretDB's
// tool images, Homebrew's bottles, Sigstore's and CometBFT's builders),
// read from each image's published definition.

// ciRows are matched after the rows of approws.go.
var ciRows = []row{}
