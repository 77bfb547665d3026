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
        match self.cause.as_deref() {
            Some(cause) => match cause.downcast_ref::<std::io::Error>() {
                Some(io) => write!(f, ": {}", io_in_words(io)),
                None => write!(f, ": {cause}"),
            },
            None => Ok(()),
        }
    }
}

/// An I/O error in the CLI's own voice (lowercase, no "(os error 2)"), with what to check.
fn io_in_words(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "no such file: check the path".to_owned(),
        ErrorKind::PermissionDenied => {
            "permission denied: check who may read or write it".to_owned()
        }
        ErrorKind::IsADirectory => "it is a folder, not a file".to_owned(),
        ErrorKind::AlreadyExists => "it already exists".to_owned(),
        _ => {
            // The system's words, lowercased, without the error number.
            let text = e.to_string();
            let text = text.split(" (os error").next().unwrap_or(&text);
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => text.to_owned(),
            }
        }
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
