// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <stdexcept>
#include <string>

namespace kavosh {

/// Base of every error Kavosh throws; the message is one line fit for a user.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The input (a record, a query, a file) is not acceptable; the caller may skip it and go on.
class InvalidInputError : public Error {
 public:
  using Error::Error;
};

/// The environment failed: a database is missing, corrupt, locked or of another analyzer version.
class EnvironmentError : public Error {
 public:
  using Error::Error;
};

}  // namespace kavosh
