"""Pipeline stages. Each module has a pure part (functions over text and annotations) and a
stage class whose ``__call__`` sets the annotations on the Document."""
