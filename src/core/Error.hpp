#pragma once
// One exception family for the whole program. Library errors (SQLite, GDAL, wx) are
// wrapped into these at the layer boundary; callers catch mwangaza::Error.
#include <stdexcept>
#include <string>

namespace mwangaza {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Bad input from a person or a file: the message names the field, row or value.
class InvalidInput : public Error {
public:
    using Error::Error;
};

// The database could not be opened, migrated, read or written.
class StorageError : public Error {
public:
    using Error::Error;
};

// A geodata file could not be opened or read (GDAL/OGR/PROJ failures, wrapped).
class GeoError : public Error {
public:
    using Error::Error;
};

// A lifecycle rule refused a transition.
class IllegalTransition : public InvalidInput {
public:
    using InvalidInput::InvalidInput;
};

// The user or the program asked a long operation to stop.
class Cancelled : public Error {
public:
    Cancelled() : Error("cancelled") {}
};

} // namespace mwangaza
