/** The one shared stylesheet for every page (served at /assets/style.css). */
export const stylesheet = `:root{color-scheme:light dark;--bg:#f7f5f0;--fg:#1d232b;--muted:#4d5866;--card:#fff;--accent:#1f5f8b;--accent-fg:#fff;--line:#d9dde2;--error:#a4262c}
@media (prefers-color-scheme:dark){:root{--bg:#15191e;--fg:#eef1f4;--muted:#b5bfca;--card:#1e242b;--accent:#7cc0ee;--accent-fg:#0c1a24;--line:#34404c;--error:#ff9a9f}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:17px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:34rem;margin:0 auto;padding:2.5rem 1.25rem 4rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:1.5rem 1.5rem 1.75rem}
h1{font-size:1.6rem;line-height:1.25;margin:0 0 .75rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
p,li{color:var(--muted)}a{color:var(--accent)}
label{display:block;font-weight:600;margin:1rem 0 .35rem}
input[type=email],input[type=text]{width:100%;padding:.7rem .8rem;font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:8px}
button{margin-top:1.25rem;padding:.75rem 1.2rem;font:inherit;font-weight:600;color:var(--accent-fg);background:var(--accent);border:0;border-radius:8px;cursor:pointer}
button.secondary{background:transparent;color:var(--accent);border:1px solid var(--accent)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.hint{font-size:.9rem}.error{color:var(--error);font-weight:600}
ol.steps{padding-left:1.25rem}ol.steps li.current{color:var(--fg);font-weight:600}
footer{margin-top:2rem;font-size:.85rem;color:var(--muted);text-align:center}
`;

/** Fills the hidden time-zone field from the browser; the form works without it. */
export const signupScript = `(()=>{const f=document.querySelector('input[name="timezone"]');try{const z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(f&&z)f.value=z}catch{}})();
`;
