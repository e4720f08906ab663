// Material for MkDocs 9.8.1, partials/javascripts/base.html (MIT licence, (c) Martin Donath),
// moved out of line so the Content-Security-Policy can forbid inline script.
// tests/site/test_csp.py fails if Material's inline script changes.
__md_scope=new URL(document.currentScript.dataset.mdScope,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
