//! Documents that break a rule but leave one reading, read as redocly and swagger-parser read
//! them, each with a warning that says what was assumed. Where a document leaves two readings,
//! lowering refuses and says what would tell them apart.

use openapiv3::{
    Parameter, ParameterData, ParameterSchemaOrContent, PathStyle, ReferenceOr, Schema, SchemaData,
    SchemaKind, StringType, Type,
};

use super::types::At;
use crate::diag::Diagnostic;

/// The path template's variables that no path parameter defines, and the path parameters the
/// template lacks. Undefined variables alone have one reading (each is a required string); both
/// at once have two (a misspelling, or two parameters), so that is refused.
pub fn undefined_template_variables<'t>(
    template: &'t [String],
    params: &[Parameter],
    route: &str,
    at: &At,
) -> Result<Vec<&'t String>, Diagnostic> {
    let path_names: Vec<&str> = params
        .iter()
        .filter(|p| matches!(p, Parameter::Path { .. }))
        .map(|p| p.parameter_data_ref().name.as_str())
        .collect();
    let undefined: Vec<&String> = template
        .iter()
        .filter(|n| !path_names.contains(&n.as_str()))
        .collect();
    let stray: Vec<&str> = path_names
        .iter()
        .copied()
        .filter(|n| !template.iter().any(|t| t == n))
        .collect();
    if let (Some(variable), Some(parameter)) = (undefined.first(), stray.first()) {
        return Err(at.err(format!(
            "path template `{route}` has `{{{variable}}}`, which no path parameter defines, and \
             the path parameter `{parameter}` does not appear in it: either one is a misspelling \
             of the other, or they are two parameters; rename one to match, or add `{{{parameter}}}` \
             to the template and a parameter for `{{{variable}}}`"
        )));
    }
    Ok(undefined)
}

/// A required string path parameter for a template variable no parameter defines, and the
/// warning that says so.
pub fn implied_path_parameter(name: &str, route: &str, at: &At) -> (Parameter, Diagnostic) {
    let schema = Schema {
        schema_data: SchemaData::default(),
        schema_kind: SchemaKind::Type(Type::String(StringType::default())),
    };
    let parameter = Parameter::Path {
        parameter_data: ParameterData {
            name: name.to_string(),
            description: None,
            required: true,
            deprecated: None,
            format: ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)),
            example: None,
            examples: Default::default(),
            explode: None,
            extensions: Default::default(),
        },
        style: PathStyle::Simple,
    };
    let warning = at.err(format!(
        "path template `{route}` has `{{{name}}}`, which no parameter defines: read as a required \
         string path parameter"
    ));
    (parameter, warning)
}
