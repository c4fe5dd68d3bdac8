import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { BrowserSessions } from '../auth/browser-sessions';
import { LoginThrottled } from '../auth/login-throttle';
import { LoginDto } from '../auth/login.dto';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Authenticated, Public } from '../common/route-policy';
import { DomainException } from '../http/domain-exception';
import { validateAs } from './forms/validate-as';
import { homeFor } from './navigation';
import { showAgainIfRefused } from './web-exception.filter';
import { WebPages } from './web-page';
import { safeReturnTo, SIGN_IN_PATH, SIGN_OUT_PATH, WEB_PREFIX } from './web-paths';

/** Signing in and out of the web pages, and `/`, which sends each person to their start page. */
@WebPages()
export class SignInController {
  constructor(private readonly browser: BrowserSessions) {}

  @Get()
  @Authenticated()
  home(@CurrentPrincipal() principal: Principal, @Res() res: Response): void {
    res.redirect(303, homeFor(principal));
  }

  @Get(SIGN_IN_PATH)
  @Public()
  signInPage(@Query('returnTo') returnTo: unknown, @Res() res: Response): void {
    res.render('sign-in.njk', { returnTo: safeReturnTo(returnTo), errors: {} });
  }

  @Post(SIGN_IN_PATH)
  @Public()
  @LoginThrottled()
  async signIn(@Body() body: Record<string, unknown>, @Query('returnTo') returnTo: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    // As typed, not trimmed: the login limits count the username the request carries (src/auth/login-throttle.ts),
    // so it must be the one checked, or ` alice` and `alice ` would be fresh allowances for the same account.
    const username = typeof body.username === 'string' ? body.username : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const model = { returnTo: safeReturnTo(returnTo), username };
    showAgainIfRefused(res, 'sign-in.njk', model, 'username');
    const missing = [
      ...(username ? [] : [{ field: 'username', message: 'Enter your username', code: 'isNotEmpty' }]),
      ...(password ? [] : [{ field: 'password', message: 'Enter your password', code: 'isNotEmpty' }]),
    ];
    if (missing.length) throw new DomainException('VALIDATION_FAILED', 'Enter your username and password.', { errors: missing });
    // The API's own rules for a sign-in (lengths), not a copy of them.
    const credentials = await validateAs(LoginDto, { username, password });
    const { cookie, principal } = await this.browser.signIn(credentials, req.get('user-agent'));
    // A session this browser already had ends now: one browser, one live session (no fixation of an old one).
    await this.browser.signOut(req);
    res.cookie(this.browser.cookieName, cookie, this.browser.cookieOptions());
    res.redirect(303, safeReturnTo(returnTo) ?? homeFor(principal));
  }

  @Get(SIGN_OUT_PATH)
  @Authenticated()
  signOutPage(@Res() res: Response): void {
    res.render('sign-out.njk');
  }

  @Post(SIGN_OUT_PATH)
  @Public()
  async signOut(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.browser.signOut(req);
    res.clearCookie(this.browser.cookieName, this.browser.cookieOptions());
    res.status(200).render('signed-out.njk', { user: null, navigation: [] });
  }

  @Get(`${WEB_PREFIX}/nothing-here`)
  @Authenticated()
  nothingHere(@Res() res: Response): void {
    res.render('nothing-here.njk');
  }
}
