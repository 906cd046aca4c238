use proc_macro::TokenStream;
#[proc_macro_derive(Model, attributes(model))]
pub fn derive(_i: TokenStream) -> TokenStream {
    TokenStream::new()
}
