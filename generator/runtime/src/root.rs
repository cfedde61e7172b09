//! The crate root of the runtime when it is built and tested as itself. A generated crate holds
//! the runtime as its module `crate::runtime`, and the runtime's macros name their helpers by
//! that path (`$crate::runtime::object::set`), so the runtime is mounted at the same path here.

#[path = "lib.rs"]
pub mod runtime;

pub use runtime::*;
