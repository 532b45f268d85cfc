/** The one shared stylesheet for every page (served at /assets/style.css). */
export const stylesheet = `:root{color-scheme:light dark;--bg:#f6f4ef;--fg:#1d232b;--muted:#4a5561;--card:#fff;--accent:#2f5d50;--accent-fg:#fff;--accent-soft:#e6efea;--line:#dcdfe2;--error:#a4262c;--error-soft:#fbeaea;--warn:#7a5200;--warn-soft:#fbf1dc;--radius:14px}
@media (prefers-color-scheme:dark){:root{--bg:#14181c;--fg:#eef1f4;--muted:#b6c0ca;--card:#1d2328;--accent:#8fd1b9;--accent-fg:#0c1a14;--accent-soft:#21352e;--line:#333d46;--error:#ff9a9f;--error-soft:#3a2224;--warn:#f2c46d;--warn-soft:#3a311f}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:17px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;-webkit-text-size-adjust:100%}
header.site{max-width:34rem;margin:0 auto;padding:1.25rem 1.25rem 0}header.site.wide{max-width:46rem}
.brand{display:inline-flex;align-items:center;gap:.5rem;font-weight:700;color:var(--fg);text-decoration:none;letter-spacing:.01em}
.mark{width:.8rem;height:.8rem;border-radius:50% 50% 50% 0;background:var(--accent);transform:rotate(-45deg)}
main{max-width:34rem;margin:0 auto;padding:1.5rem 1.25rem 4rem}main.wide{max-width:46rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:1.5rem 1.5rem 1.75rem}
main.wide .card{margin-top:1.25rem;scroll-margin-top:1rem}
h1{font-size:1.75rem;line-height:1.2;margin:0 0 .75rem}h2{font-size:1.2rem;line-height:1.3;margin:0 0 .5rem}h3{font-size:1rem;margin:1.5rem 0 .5rem}
p{margin:0 0 1rem}p,li{color:var(--muted)}strong{color:var(--fg)}a{color:var(--accent)}
hr{border:0;border-top:1px solid var(--line);margin:1.5rem 0}
.muted,.hint{color:var(--muted)}.hint{font-size:.9rem}.error{color:var(--error);font-weight:600}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
label{display:block;font-weight:600;margin:1rem 0 .35rem;color:var(--fg)}
input[type=email],input[type=text],input[type=date],select{width:100%;min-height:2.9rem;padding:.65rem .8rem;font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:10px}
input:hover,select:hover{border-color:var(--muted)}
button,.button{display:inline-flex;align-items:center;justify-content:center;min-height:2.9rem;margin-top:1.25rem;padding:.65rem 1.2rem;font:inherit;font-weight:600;line-height:1.2;color:var(--accent-fg);background:var(--accent);border:1px solid var(--accent);border-radius:10px;cursor:pointer;text-decoration:none}
button:hover,.button:hover{filter:brightness(1.08)}
button.secondary,.button.secondary{background:transparent;color:var(--accent)}
button.danger,.button.danger{background:var(--error);border-color:var(--error);color:#fff}
.button.danger-outline{background:transparent;border-color:var(--error);color:var(--error)}
button.small{min-height:2.4rem;margin:0;padding:.35rem .8rem;font-size:.9rem}
button.quiet{background:transparent;border-color:transparent;color:var(--muted);text-decoration:underline}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
footer{margin-top:2rem;font-size:.85rem;color:var(--muted);text-align:center}
.page-head{padding:.5rem 0 0}.eyebrow{margin:0 0 .25rem;font-size:.8rem;font-weight:700;letter-spacing:.08em;text-transform:uppercase;color:var(--accent)}
.lede{font-size:1rem}.address{overflow-wrap:anywhere}
.toc{display:flex;flex-wrap:wrap;gap:.5rem}.toc a{padding:.3rem .8rem;border:1px solid var(--line);border-radius:999px;font-size:.88rem;text-decoration:none;color:var(--fg);background:var(--card)}
.notice{margin:1.25rem 0 0;padding:.8rem 1rem;border-radius:10px;background:var(--accent-soft);color:var(--fg);font-weight:600}
.notice.error{background:var(--error-soft);color:var(--error)}.card .notice{margin:0 0 1rem}
.section-head{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;margin-bottom:.5rem}.section-head h2{margin:0}
.badge{display:inline-block;padding:.2rem .7rem;border-radius:999px;font-size:.82rem;font-weight:700;background:var(--accent-soft);color:var(--accent)}
.badge-paused,.badge-pending{background:var(--warn-soft);color:var(--warn)}.badge-unsubscribed,.badge-graduated{background:var(--bg);color:var(--muted);border:1px solid var(--line)}.badge-suppressed{background:var(--error-soft);color:var(--error)}
.headline{font-size:1.2rem;font-weight:650;color:var(--fg);margin:.25rem 0 .5rem}
.next{display:flex;gap:.9rem;align-items:flex-start;padding:.9rem 1rem;border-radius:10px;background:var(--bg);border:1px solid var(--line)}
.next-label{flex:none;padding:.1rem .55rem;border-radius:6px;background:var(--accent);color:var(--accent-fg);font-size:.78rem;font-weight:700;text-transform:uppercase;letter-spacing:.06em;margin-top:.15rem}
.map-title{font-size:.85rem;text-transform:uppercase;letter-spacing:.08em;color:var(--muted)}
ol.map{list-style:none;margin:0;padding:0}
.map li{position:relative;display:flex;align-items:flex-start;gap:.75rem;padding:0 0 1.1rem;margin:0}
.map li:not(:last-child)::before{content:"";position:absolute;left:.55rem;top:1.4rem;bottom:.1rem;width:2px;background:var(--line)}
.map li.done:not(:last-child)::before{background:var(--accent)}
.map .dot{flex:none;width:1.15rem;height:1.15rem;margin-top:.2rem;border-radius:50%;border:2px solid var(--line);background:var(--card)}
.map .done .dot{background:var(--accent);border-color:var(--accent)}
.map .current .dot{border-color:var(--accent);box-shadow:inset 0 0 0 3px var(--card),inset 0 0 0 8px var(--accent)}
.map .step-text{flex:1}.map .step-no{display:block;font-size:.8rem;font-weight:700;text-transform:uppercase;letter-spacing:.06em}
.map .step-title{color:var(--fg)}.map .current .step-title{font-weight:700}.map .upcoming .step-title{color:var(--muted)}
.map .phase .step-text{font-size:.95rem}
.tag{flex:none;font-size:.75rem;font-weight:700;padding:.1rem .5rem;border-radius:999px;background:var(--accent-soft);color:var(--accent);margin-top:.2rem}
ol.checkins{list-style:none;margin:0;padding:0}
.checkins li{padding:.9rem 0;border-top:1px solid var(--line)}.checkins li:first-child{border-top:0;padding-top:.25rem}
.checkins .meta{margin:0 0 .25rem;font-size:.85rem;font-weight:600}
.checkins .said{margin:0;color:var(--fg);white-space:pre-line;overflow-wrap:anywhere}
.empty{padding:1rem;border:1px dashed var(--line);border-radius:10px;font-size:.95rem}
ul.people{list-style:none;margin:0 0 .5rem;padding:0}
.person{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding:.8rem 0;border-top:1px solid var(--line)}.person:first-child{border-top:0}
.person-main{flex:1 1 10rem;min-width:0}.person-name{display:block;font-weight:650;color:var(--fg);overflow-wrap:anywhere}.person-meta{font-size:.85rem;color:var(--muted)}
.person.met .person-meta::before{content:"\\2713  ";color:var(--accent);font-weight:700}
.person-actions{display:flex;gap:.25rem;align-items:center}
.person form{margin:0}
details.rename{flex-basis:100%}details.rename summary{display:inline-block;cursor:pointer;font-size:.9rem;color:var(--accent);text-decoration:underline}
details.rename label{margin-top:.5rem;font-size:.9rem}
.row{display:flex;gap:.5rem;align-items:stretch}.row input{flex:1;min-width:0}.row button{margin:0;flex:none}
.row.wrap{flex-wrap:wrap}.row.wrap input{flex:1 1 12rem}.row.wrap button{flex:0 0 auto}
form.add-person{margin-top:.5rem}
.checkins ul.people{margin:.5rem 0 0}.next-course{margin-top:1rem;padding-top:.25rem;border-top:1px solid var(--line)}
fieldset{border:0;margin:1rem 0 0;padding:0;min-width:0}legend{font-weight:600;padding:0;margin-bottom:.35rem}
.choices{display:grid;gap:.5rem}
.choice{display:flex;gap:.75rem;align-items:flex-start;margin:0;padding:.75rem .9rem;border:1px solid var(--line);border-radius:10px;font-weight:400;cursor:pointer}
.choice:has(input:checked){border-color:var(--accent);background:var(--accent-soft)}
.choice input{margin:.3rem 0 0;accent-color:var(--accent);width:1.1rem;height:1.1rem;flex:none}
.choice .hint{display:block}
.action{margin:.75rem 0 0}.action .button{margin:0}button+.hint{margin-top:.75rem}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center}.actions .button,.actions button{margin-top:1rem}
form.leave p,#pause form p{margin-bottom:.25rem}
@media (max-width:30rem){main{padding:1rem .85rem 3rem}header.site{padding:1rem .85rem 0}.card{padding:1.2rem 1.1rem 1.4rem}h1{font-size:1.6rem}}
@media (min-width:40rem){.field-row{display:grid;grid-template-columns:1fr 2fr;gap:1rem}.choices{grid-template-columns:repeat(3,1fr)}.choices.two{grid-template-columns:repeat(2,1fr)}}
`;

/**
 * Fills the hidden time-zone and locale fields from the browser; the form
 * works without it (the locale then comes from Accept-Language).
 */
export const signupScript = `(()=>{const set=(n,v)=>{const f=document.querySelector('input[name="'+n+'"]');if(f&&v)f.value=v};try{set('timezone',Intl.DateTimeFormat().resolvedOptions().timeZone)}catch{}try{set('locale',navigator.language)}catch{}})();
`;
