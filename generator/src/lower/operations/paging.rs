//! How an operation pages: the configuration's choice first, then another generator's
//! declaration, then the shape (the official SDKs' conventions, then the world's).

use openapiv3::{Operation as OaOperation, Parameter, ReferenceOr, Schema};

use super::OpCtx;
use crate::config::OperationOverride;
use crate::diag::Diagnostic;
use crate::ir::{Body, HeaderParam, Pagination, PaginationSource, Param, SuccessResponse};
use crate::lower::paging_rules::{self, Detected};
use crate::lower::types::TypeSpace;
use crate::lower::{pagination, paging_ext};

/// What lowering found that paging reads.
pub(super) struct Lowered<'a> {
    pub(super) params: &'a [Parameter],
    pub(super) query: &'a [Param],
    pub(super) body: Option<&'a Body>,
    pub(super) success: Option<&'a SuccessResponse>,
    /// The headers the success response declares, by name.
    pub(super) headers: &'a [String],
    pub(super) header_params: &'a [HeaderParam],
    pub(super) success_schema: Option<&'a ReferenceOr<Schema>>,
}

impl OpCtx<'_> {
    /// The operation's paging, or why a list-like operation does not page.
    pub(super) fn paging(
        &self,
        op: &OaOperation,
        overrides: &OperationOverride,
        found: &Lowered<'_>,
        space: &mut TypeSpace,
    ) -> Result<(Option<Pagination>, Option<String>), Diagnostic> {
        let hints = pagination::Hints::read(found.params, found.success_schema, space, self.at);
        // The config's choice first, then another generator's declaration, then the shape: the
        // official SDKs' conventions, then the world's.
        let shape = paging_rules::Shape {
            query: found.query,
            body: found.body,
            success: found.success,
            headers: found.headers,
            header_params: found.header_params,
            route: self.path,
            method: self.method,
            space,
        };
        let general: Vec<_> = self
            .config
            .pagination
            .iter()
            .filter(|c| c.kind.is_some())
            .collect();
        let declared = match overrides.pagination.as_deref() {
            // A convention with a `kind`, named for this operation: it must fit.
            Some(name) if general.iter().any(|c| c.name == name) => {
                let conv = general.iter().find(|c| c.name == name).expect("just found");
                let p = paging_ext::configured(&shape, conv, PaginationSource::Config).map_err(
                    |why| {
                        self.at.err(format!(
                            "codegen.toml names the pagination convention `{name}` for `{}`, \
                             but {why}",
                            self.key
                        ))
                    },
                )?;
                Some(Detected::Paged(Box::new(p)))
            }
            Some(_) => None,
            // Declared conventions are tried first, as the built-ins are.
            None => general
                .iter()
                .filter(|_| !shape.writes())
                .find_map(|c| paging_ext::configured(&shape, c, PaginationSource::Shape).ok())
                .map(|p| Detected::Paged(Box::new(p)))
                .or_else(|| paging_ext::declared(&shape, &op.extensions)),
        };
        let detected = match declared {
            Some(declared) => declared,
            None => match pagination::detect(
                self.config,
                self.key,
                found.query,
                found.success,
                &hints,
                space,
                self.at,
            )? {
                Some(p) => Detected::Paged(Box::new(p)),
                None if overrides.pagination.is_some() => Detected::NotAList,
                None => paging_rules::detect(&shape),
            },
        };
        Ok(match detected {
            Detected::Paged(p) => (Some(*p), None),
            Detected::Unpaged(why) => (None, Some(why)),
            Detected::NotAList => (None, None),
        })
    }
}
