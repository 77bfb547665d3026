// SPDX-License-Identifier: MIT OR Apache-2.0
//! The CLI's error: what we were doing, and why it failed (printed once, by `main`).

use std::error::Error;
use std::fmt;

/// A failure with context: `"reading 'list.wrbl': no such file or directory"`.
#[derive(Debug)]
pub struct Failure {
    context: String,
    cause: Option<Box<dyn Error + Send + Sync>>,
}

impl Failure {
    /// A failure with no underlying cause.
    pub fn msg(context: impl Into<String>) -> Failure {
        Failure {
            context: context.into(),
            cause: None,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.context)?;
        if let Some(cause) = &self.cause {
            write!(f, ": {cause}")?;
        }
        Ok(())
    }
}

impl Error for Failure {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.cause.as_deref().map(|e| e as &(dyn Error + 'static))
    }
}

/// Adds context to any error: `.context(|| format!("reading '{path}'"))`.
pub trait Context<T> {
    /// Wraps the error with what we were doing.
    fn context<C: Into<String>>(self, what: impl FnOnce() -> C) -> Result<T, Failure>;
}

impl<T, E: Error + Send + Sync + 'static> Context<T> for Result<T, E> {
    fn context<C: Into<String>>(self, what: impl FnOnce() -> C) -> Result<T, Failure> {
        self.map_err(|e| Failure {
            context: what().into(),
            cause: Some(Box::new(e)),
        })
    }
}
