//! Changing an instance: setters, `update`, set-by-name, the commit path with change
//! tracking, and what a patch moves in.

use super::*;

/// The bit of a field in the changes masks.
pub(super) fn bit(index: usize) -> TokenStream {
    let bit = 1u64 << index;
    quote!(#bit)
}

/// Setters, `update`, the draft and the commit path they share, set-by-name, change tracking.
/// Not generated for a frozen model.
pub(super) fn mutation(model: &Model) -> TokenStream {
    let p = quote!(::model::__private);
    let input = model.input;
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let draft = draft(model);
    let apply = apply(model);
    let setters = model
        .fields
        .iter()
        .filter(|f| f.writable())
        .map(|f| setter(model, f));
    let computed_setters = model.computed.iter().filter_map(|c| {
        let set = c.set.as_ref()?;
        let method = format_ident!("set_{}", c.name);
        let ty = &c.ty;
        let doc = format!(
            "Sets the computed field `{}` through `{}`, then validates the fields it changed and \
             the struct-level checks, all or nothing.",
            c.name,
            set.to_token_stream().to_string().replace(' ', "")
        );
        let bind = bind_at(
            set.span(),
            &[("__model_draft", quote!(&mut *)), ("__model_new", quote!())],
        );
        let call = quote_spanned!(set.span()=> #set(__model_draft, __model_new));
        let call = quote!({ #bind #call });
        let hidden = format_ident!("__model_set_computed_{}", c.name);
        let draft = format_ident!("{}Draft", name);
        let args = generic_args(model);
        Some(quote! {
            #[doc(hidden)]
            #[inline]
            fn #hidden(__model_draft: &mut #draft<'_ #(, #args)*>, __model_new: #ty) {
                #call
            }


            #[doc = #doc]
            #[inline]
            pub fn #method(&mut self, __model_new: #ty) -> ::core::result::Result<(), #p::ValidationErrors> {
                self.__model_apply(move |__model_draft| { __model_draft.#method(__model_new); }, false)
            }
        })
    });
    let set_arms = set_arms(model);
    let tracking = tracking(model);
    let update_doc = "Changes several fields at once: the closure sets them on a draft; the new values \
                      are validated, the `on_set` hooks of the fields it set run, then the struct-level \
                      checks run on the result. All or nothing: on any violation the model is left \
                      exactly as it was.";
    let draft_ident = format_ident!("{}Draft", name);
    let args = generic_args(model);
    quote! {
        #draft

        #[automatically_derived]
        impl #impl_generics #name #ty_generics #where_clause {
            #(#setters)*
            #(#computed_setters)*
            #apply
            #tracking

            #[doc = #update_doc]
            #[inline]
            pub fn update<__ModelF>(&mut self, __model_f: __ModelF) -> ::core::result::Result<(), #p::ValidationErrors>
            where
                __ModelF: for<'__model_a> ::core::ops::FnOnce(&mut #draft_ident<'__model_a #(, #args)*>),
            {
                self.__model_apply(__model_f, false)
            }

            /// Sets the field called `name` (its external name) from a dynamic value, through
            /// exactly the same conversion, rules, read-only checks, hooks and struct-level
            /// checks as its typed setter. An unknown name is an error naming the close matches.
            #[inline]
            pub fn set(&mut self, name: &str, value: impl ::core::convert::Into<#p::Value>) -> ::core::result::Result<(), #p::ValidationErrors> {
                #p::set_by_name(<Self as #p::Model>::meta(), name, ::core::convert::Into::into(value), |__model_index, __model_value| {
                    self.__model_set(__model_index, __model_value)
                })
            }

            #[doc(hidden)]
            #[allow(unreachable_code, unused_variables)]
            #[inline]
            fn __model_set(&mut self, __model_index: usize, __model_value: #p::Value) -> ::core::result::Result<(), #p::ValidationErrors> {
                let __model_fields = <Self as #p::Model>::meta().field_list();
                match __model_index {
                    #(#set_arms)*
                    _ => ::core::result::Result::Err(#p::read_only(&__model_fields[__model_index])),
                }
            }
        }
    }
}

/// `Model::__commit_from`: the fields of another instance moved in through the commit path
/// (what a patch commits). Only for models that change and have serde.
pub(super) fn commit_from(model: &Model) -> Option<TokenStream> {
    if model.frozen || !model.serde || !model.patch {
        return None;
    }
    let p = quote!(::model::__private);
    let writable: Vec<&Field> = model.fields.iter().filter(|f| f.writable()).collect();
    let idents: Vec<&Ident> = writable.iter().map(|f| f.ident).collect();
    let locals: Vec<Ident> = writable
        .iter()
        .map(|f| format_ident!("__model_v_{}", f.name))
        .collect();
    let indices = writable.iter().map(|f| f.index);
    Some(quote! {
        #p::with_serde! {
            #[doc(hidden)]
            #[allow(unused_variables)]
            #[inline]
            fn __commit_from(
                &mut self,
                __model_other: Self,
                __model_fields: &dyn ::core::ops::Fn(usize) -> bool,
            ) -> ::core::option::Option<::core::result::Result<(), #p::ValidationErrors>> {
                let Self { #(#idents: #locals,)* .. } = __model_other;
                ::core::option::Option::Some(self.__model_apply(move |__model_draft| {
                    #(if __model_fields(#indices) {
                        __model_draft.#idents = ::core::option::Option::Some(#locals);
                    })*
                }, false))
            }
        }
    })
}

/// The arms of `__model_set`: each settable field converts the value and calls its setter.
pub(super) fn set_arms(model: &Model) -> Vec<TokenStream> {
    let p = quote!(::model::__private);
    let stored = model.fields.iter().filter(|f| f.writable()).map(|f| {
        let index = f.index;
        let ty = f.ty;
        let method = format_ident!("set_{}", f.name);
        let key = &f.key;
        (
            index,
            ty.to_token_stream(),
            method,
            key.clone(),
            f.secret.is_some(),
        )
    });
    let computed = model.computed.iter().filter(|c| c.set.is_some()).map(|c| {
        (
            c.index,
            c.ty.to_token_stream(),
            format_ident!("set_{}", c.name),
            c.key.clone(),
            c.secret,
        )
    });
    stored
        .chain(computed)
        .map(|(index, ty, method, key, secret)| {
            quote! {
                #index => self.#method(#p::converted(#p::set!(#ty, __model_value), #key, #secret)?),
            }
        })
        .collect()
}

/// `changed_fields`, `take_changes`, and `__model_after_change`: what a committed change does
/// besides storing values (record, reset lazy fields, tell `on_change`).
pub(super) fn tracking(model: &Model) -> TokenStream {
    let p = quote!(::model::__private);
    let record = model
        .changes
        .map(|changes| quote!(self.#changes.mark_all(__model_mask);));
    let resets = model.fields.iter().filter_map(|f| {
        let Role::Lazy { depends_on, .. } = &f.role else {
            return None;
        };
        if depends_on.is_empty() {
            return None;
        }
        let mask: u64 = depends_on
            .iter()
            .map(|&i| 1u64 << model.fields[i].index)
            .sum();
        let ident = f.ident;
        Some(quote! {
            if __model_mask & #mask != 0 {
                self.#ident.reset();
            }
        })
    });
    let notify = model.on_change.as_ref().map(|hook| {
        let bind = bind_at(
            hook.span(),
            &[("self", quote!()), ("__model_mask", quote!())],
        );
        let call = quote_spanned! {hook.span()=>
            #hook(__model_this, #p::ChangedFields::new(__model_mask, <Self as #p::Model>::meta().field_list()));
        };
        quote!({ #bind #call })
    });
    let accessors = model.changes.map(|changes| {
        quote! {
            /// The fields changed since construction or the last `take_changes()`, by name.
            #[inline]
            pub fn changed_fields(&self) -> #p::ChangedFields {
                #p::ChangedFields::new(self.#changes.bits(), <Self as #p::Model>::meta().field_list())
            }

            /// The fields changed since construction or the last `take_changes()`, forgetting
            /// them: what a "save on change" loop writes out.
            #[inline]
            pub fn take_changes(&mut self) -> #p::ChangedFields {
                #p::ChangedFields::new(self.#changes.take().bits(), <Self as #p::Model>::meta().field_list())
            }
        }
    });
    let reset = has_dependents(model).then(|| {
        quote! {
            /// Forgets the lazy fields computed from the fields in `mask`.
            #[doc(hidden)]
            #[inline]
            fn __model_reset_lazy(&mut self, __model_mask: u64) {
                #(#resets)*
            }
        }
    });
    let after = has_after_change(model).then(|| {
        quote! {
            #[doc(hidden)]
            #[inline]
            fn __model_after_change(&mut self, __model_mask: u64) {
                #record
                #notify
            }
        }
    });
    quote! {
        #accessors
        #reset
        #after
    }
}

/// `__model_apply(f, construct)`: the one commit path. `f` sets fields on a draft; the new
/// values are validated; the `on_set` hooks of the fields it set run (unless constructing: then
/// `f` runs the hooks itself) and what they set is validated too; the values are swapped in,
/// the lazy fields that depend on them forgotten, the struct-level checks run, and on any
/// violation the old values are swapped back. A committed change is recorded (the fields set,
/// plus the computed fields set through the draft) unless constructing.
pub(super) fn apply(model: &Model) -> TokenStream {
    let p = quote!(::model::__private);
    let name = &model.input.ident;
    let draft = format_ident!("{}Draft", name);
    let args = generic_args(model);
    let writable: Vec<&Field> = model.fields.iter().filter(|f| f.writable()).collect();
    let idents: Vec<&Ident> = writable.iter().map(|f| f.ident).collect();
    let validate: Vec<TokenStream> = writable
        .iter()
        .filter(|f| f.validated())
        .map(|f| {
            let ident = f.ident;
            let check = format_ident!("__model_check_{}", f.name);
            quote!(#p::check_some(&__model_draft.#ident, Self::#check, &mut __model_errors);)
        })
        .collect();
    let hooked: Vec<(&Field, &syn::Path)> = writable
        .iter()
        .filter_map(|f| f.on_set.as_ref().map(|h| (*f, &h.path)))
        .collect();
    let hooks = (!hooked.is_empty()).then(|| {
        let flags: Vec<Ident> = hooked
            .iter()
            .map(|(f, _)| format_ident!("__model_set_{}", f.name))
            .collect();
        let fields = hooked.iter().map(|(f, _)| f.ident);
        let calls = hooked.iter().map(|(_, h)| {
            let bind = bind_at(h.span(), &[("__model_draft", quote!(&mut))]);
            let call = quote_spanned!(h.span()=> #h(__model_draft););
            quote!({ #bind #call })
        });
        quote! {
            if !__model_construct {
                // The fields the caller set, before any hook runs: hooks do not trigger hooks.
                #(let #flags = __model_draft.#fields.is_some();)*
                #(if #flags { #calls })*
                #(#validate)*
                if !__model_errors.is_empty() {
                    return ::core::result::Result::Err(__model_errors);
                }
            }
        }
    });
    let mask = if model.tracks() {
        let bits = writable.iter().map(|f| {
            let ident = f.ident;
            let bit = bit(f.index);
            quote!(if #ident.is_some() { #bit } else { 0 })
        });
        quote!(let __model_mask: u64 = __model_extra #(| #bits)*;)
    } else {
        quote!(let _ = __model_extra;)
    };
    let reset = has_dependents(model).then(|| quote!(self.__model_reset_lazy(__model_mask);));
    let swap = quote! {
        #(let #idents = #p::swap(&mut self.#idents, #idents);)*
    };
    let tys: Vec<&Type> = writable.iter().map(|f| f.ty).collect();
    let restore_reset = has_dependents(model).then(|| quote!(__model_self.__model_reset_lazy(!0);));
    // Under a guard that puts the old values back unless the change is committed: on a
    // violation, and on a panic in the struct checks too.
    let checks = (!model.checks.is_empty()).then(|| {
        quote! {
            let __model_guard = #p::Rollback::new(
                self,
                (#(#idents,)*),
                |__model_self: &mut Self, (#(#idents,)*): (#(::core::option::Option<#tys>,)*)| {
                    #(if let ::core::option::Option::Some(__model_old) = #idents { __model_self.#idents = __model_old; })*
                    #restore_reset
                },
            );
            __model_guard.model().__model_struct_checks(&#p::Trail::Root, &mut __model_errors);
            if !__model_errors.is_empty() {
                ::core::mem::drop(__model_guard);
                return ::core::result::Result::Err(__model_errors);
            }
            __model_guard.commit();
        }
    });
    let after = has_after_change(model).then(|| {
        quote! {
            if !__model_construct {
                self.__model_after_change(__model_mask);
            }
        }
    });
    quote! {
        #[doc(hidden)]
        #[allow(unused_mut, unused_variables)]
        #[inline]
        fn __model_apply(
            &mut self,
            __model_f: impl for<'__model_a> ::core::ops::FnOnce(&mut #draft<'__model_a #(, #args)*>),
            __model_construct: bool,
        ) -> ::core::result::Result<(), #p::ValidationErrors> {
            let mut __model_draft = #draft {
                __model_base: &*self,
                #(#idents: ::core::option::Option::None,)*
                __model_extra: 0,
            };
            __model_f(&mut __model_draft);
            let mut __model_errors = #p::ValidationErrors::new();
            #(#validate)*
            if !__model_errors.is_empty() {
                return ::core::result::Result::Err(__model_errors);
            }
            #hooks
            let #draft { #(#idents,)* __model_extra, .. } = __model_draft;
            // Nothing set is no change (at construction, the struct checks still run).
            if !__model_construct #(&& #idents.is_none())* {
                return ::core::result::Result::Ok(());
            }
            #mask
            #swap
            // Lazy fields computed from what changed are forgotten before the struct checks
            // read them, and again if the change is rolled back.
            #reset
            #checks
            #after
            ::core::result::Result::Ok(())
        }
    }
}

/// Whether some lazy field `depends_on` this field.
pub(super) fn depended_on(model: &Model, field: &Field) -> bool {
    model.fields.iter().any(|f| {
        matches!(&f.role, Role::Lazy { depends_on, .. }
            if depends_on.iter().any(|&i| model.fields[i].index == field.index))
    })
}

/// Whether some lazy field `depends_on` stored fields.
pub(super) fn has_dependents(model: &Model) -> bool {
    model
        .fields
        .iter()
        .any(|f| matches!(&f.role, Role::Lazy { depends_on, .. } if !depends_on.is_empty()))
}

/// Whether a committed change is recorded or reported.
pub(super) fn has_after_change(model: &Model) -> bool {
    model.changes.is_some() || model.on_change.is_some()
}

pub(super) fn setter(model: &Model, field: &Field) -> TokenStream {
    let p = quote!(::model::__private);
    let ident = field.ident;
    let method = format_ident!("set_{}", field.name);
    let (ty, value) = arg(field, &format_ident!("__model_new"));
    let field_ty = field.ty;
    if field.on_set.is_some() {
        let doc = format!(
            "Sets `{}` if the new value passes its rules; then runs its `on_set` hook, validates \
             what the hook changed and the struct-level checks. All or nothing: on any violation \
             the model is left exactly as it was.",
            field.name
        );
        return quote! {
            #[doc = #doc]
            #[inline]
            pub fn #method(&mut self, __model_new: #ty) -> ::core::result::Result<(), #p::ValidationErrors> {
                let __model_new: #field_ty = #value;
                self.__model_apply(move |__model_draft| __model_draft.#ident = ::core::option::Option::Some(__model_new), false)
            }
        };
    }
    let doc = format!(
        "Sets `{}` if the new value passes its rules and the struct-level checks; otherwise \
         leaves the model unchanged and returns every violation.",
        field.name
    );
    let check = field.validated().then(|| {
        let check = format_ident!("__model_check_{}", field.name);
        quote! {
            Self::#check(&__model_new, &#p::Trail::Root, &mut __model_errors, false);
            if !__model_errors.is_empty() {
                return ::core::result::Result::Err(__model_errors);
            }
        }
    });
    let bit = bit(field.index);
    let after = has_after_change(model).then(|| quote!(self.__model_after_change(#bit);));
    let reset = depended_on(model, field).then(|| quote!(self.__model_reset_lazy(#bit);));
    let restore_reset =
        depended_on(model, field).then(|| quote!(__model_self.__model_reset_lazy(#bit);));
    // The struct checks run on the new value under a guard that puts the old one back unless
    // the change is committed: on a violation, and on a panic in the checks too.
    let guard = quote! {
        let __model_old = ::core::mem::replace(&mut self.#ident, __model_new);
        #reset
        let __model_guard = #p::Rollback::new(self, __model_old, |__model_self: &mut Self, __model_old: #field_ty| {
            __model_self.#ident = __model_old;
            #restore_reset
        });
    };
    let store = if model.checks.is_empty() {
        quote! {
            self.#ident = __model_new;
            #reset
            #after
            ::core::result::Result::Ok(())
        }
    } else {
        quote! {
            #guard
            __model_guard.model().__model_struct_checks(&#p::Trail::Root, &mut __model_errors);
            if __model_errors.is_empty() {
                __model_guard.commit();
                #after
                ::core::result::Result::Ok(())
            } else {
                ::core::mem::drop(__model_guard);
                ::core::result::Result::Err(__model_errors)
            }
        }
    };
    let slow = format_ident!("__model_set_slow_{}", field.name);
    let position = model
        .fields
        .iter()
        .position(|f| std::ptr::eq(f, field))
        .expect("a field of the model");
    let Some(holds) = holds_expr(position, field) else {
        return quote! {
            #[doc = #doc]
            #[inline]
            #[allow(unused_mut)]
            pub fn #method(&mut self, __model_new: #ty) -> ::core::result::Result<(), #p::ValidationErrors> {
                let __model_new: #field_ty = #value;
                let mut __model_errors = #p::ValidationErrors::new();
                #check
                #store
            }
        };
    };
    // Whether the rules hold, nothing reported.
    let holds = quote! {
        let __model_holds = {
            let __model_value = &__model_new;
            #holds
        };
    };
    // The fast path: the rules and checks hold, nothing is reported, no report is built.
    let fast = if model.checks.is_empty() {
        quote! {
            #holds
            if __model_holds {
                self.#ident = __model_new;
                #reset
                #after
                return ::core::result::Result::Ok(());
            }
        }
    } else {
        quote! {
            #holds
            if __model_holds {
                #guard
                match __model_guard.model().__model_struct_checks_first() {
                    ::core::option::Option::None => {
                        __model_guard.commit();
                        #after
                        return ::core::result::Result::Ok(());
                    }
                    ::core::option::Option::Some(__model_failure) => {
                        let __model_errors = __model_guard.model().__model_struct_checks_report(__model_failure);
                        ::core::mem::drop(__model_guard);
                        return ::core::result::Result::Err(__model_errors);
                    }
                }
            }
        }
    };
    // Without struct checks, hooks or dependents, the reporting path is the same for every
    // field: `model-core`'s (cold), given the field's check.
    if model.checks.is_empty() && reset.is_none() && after.is_none() && field.validated() {
        let check = format_ident!("__model_check_{}", field.name);
        return quote! {
            #[doc = #doc]
            #[inline]
            pub fn #method(&mut self, __model_new: #ty) -> ::core::result::Result<(), #p::ValidationErrors> {
                let __model_new: #field_ty = #value;
                #fast
                #p::set_reported(&mut self.#ident, __model_new, Self::#check)
            }
        };
    }
    quote! {
        #[doc = #doc]
        #[inline]
        pub fn #method(&mut self, __model_new: #ty) -> ::core::result::Result<(), #p::ValidationErrors> {
            let __model_new: #field_ty = #value;
            #fast
            self.#slow(__model_new)
        }

        /// The reporting path of the setter: every violation of the new value.
        #[doc(hidden)]
        #[cold]
        #[inline]
        #[allow(unused_mut)]
        fn #slow(&mut self, __model_new: #field_ty) -> ::core::result::Result<(), #p::ValidationErrors> {
            let mut __model_errors = #p::ValidationErrors::new();
            #check
            #store
        }
    }
}

/// `Model::__value_at`: every field's value by its index in the metadata, for get-by-name and
/// iteration. Secrets are redacted; lazy fields are loaded; computed fields are computed.
pub(super) fn by_name(model: &Model) -> TokenStream {
    let p = quote!(::model::__private);
    let stored = model.fields.iter().filter_map(|f| {
        let index = f.index;
        let ident = f.ident;
        let value = match &f.role {
            Role::Changes => return None,
            _ if f.secret.is_some() => quote!(#p::Value::REDACTED),
            Role::Stored => quote!((&&&#p::Get(&self.#ident)).__model_to_value()),
            Role::Lazy { .. } => quote!((&&&#p::Get(self.#ident())).__model_to_value()),
        };
        Some(quote!(#index => ::core::option::Option::Some(#value),))
    });
    let computed = model.computed.iter().map(|c| {
        let index = c.index;
        if c.secret {
            return quote!(#index => ::core::option::Option::Some(#p::Value::REDACTED),);
        }
        let get = &c.get;
        let bind = bind_at(get.span(), &[("self", quote!())]);
        let call = quote_spanned!(get.span()=> #get(__model_this));
        quote!(#index => ::core::option::Option::Some((&&&#p::Get(&{ #bind #call })).__model_to_value()),)
    });
    quote! {
        #[allow(unused_imports)]
        #[inline]
        fn __value_at(&self, __model_index: usize) -> ::core::option::Option<#p::Value> {
            use #p::probe::*;
            match __model_index {
                #(#stored)*
                #(#computed)*
                _ => ::core::option::Option::None,
            }
        }
    }
}
