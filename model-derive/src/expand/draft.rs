//! The draft a hook or `update` changes before the commit.

use super::*;

pub(super) fn draft(model: &Model) -> TokenStream {
    let p = quote!(::model::__private);
    let input = model.input;
    let name = &input.ident;
    let vis = &input.vis;
    let draft = format_ident!("{}Draft", name);
    let mut generics = input.generics.clone();
    generics.params.insert(0, syn::parse_quote!('__model_a));
    let (draft_impl, draft_ty, draft_where) = generics.split_for_impl();
    let (_, ty_generics, _) = input.generics.split_for_impl();
    let writable: Vec<&Field> = model.fields.iter().filter(|f| f.writable()).collect();
    let w_idents: Vec<&Ident> = writable.iter().map(|f| f.ident).collect();
    let w_types = writable.iter().map(|f| f.ty);
    let getters = model.stored().map(|f| {
        let ident = f.ident;
        let ty = f.ty;
        let method = f.ident;
        let doc = format!("`{}` as it will be if the update is committed.", f.name);
        let current = if f.readonly {
            quote!(&self.__model_base.#ident)
        } else {
            quote!(#p::pending(&self.#ident, &self.__model_base.#ident))
        };
        if f.primitive {
            quote!(#[doc = #doc] #[inline] pub fn #method(&self) -> #ty { *#current })
        } else {
            quote!(#[doc = #doc] #[inline] pub fn #method(&self) -> &#ty { #current })
        }
    });
    let setters = writable.iter().map(|f| {
        let ident = f.ident;
        let method = format_ident!("set_{}", f.name);
        let (ty, value) = arg(f, &format_ident!("__model_value"));
        let doc = format!("Sets `{}`; validated when the update is committed.", f.name);
        quote! {
            #[doc = #doc]
            #[inline]
            pub fn #method(&mut self, __model_value: #ty) -> &mut Self {
                self.#ident = ::core::option::Option::Some(#value);
                self
            }
        }
    });
    let computed = model.computed.iter().filter_map(|c| {
        c.set.as_ref()?;
        let method = format_ident!("set_{}", c.name);
        let ty = &c.ty;
        let doc = format!(
            "Sets the computed field `{}`: the fields it maps onto are set on this draft.",
            c.name
        );
        let hidden = format_ident!("__model_set_computed_{}", c.name);
        let record = model.tracks().then(|| {
            let bit = bit(c.index);
            quote!(self.__model_extra |= #bit;)
        });
        let call = quote!(#name::#hidden(self, __model_value); #record);
        Some(quote! {
            #[doc = #doc]
            #[inline]
            pub fn #method(&mut self, __model_value: #ty) -> &mut Self {
                #call;
                self
            }
        })
    });
    let doc = format!(
        "Pending changes to a [`{name}`], given to the closure of `{name}::update` and to \
         `on_set` hooks: read the fields as they will be, set several, and they are validated \
         and committed together."
    );
    quote! {
        #[doc = #doc]
        #vis struct #draft #generics #draft_where {
            __model_base: &'__model_a #name #ty_generics,
            #(#w_idents: ::core::option::Option<#w_types>,)*
            /// The computed fields set through this draft, by bit.
            __model_extra: u64,
        }

        #[automatically_derived]
        impl #draft_impl #draft #draft_ty #draft_where {
            #(#getters)*
            #(#setters)*
            #(#computed)*
        }
    }
}
